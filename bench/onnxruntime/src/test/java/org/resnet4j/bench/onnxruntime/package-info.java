/** Tests of the ONNX Runtime runner: its options, file reader and output check, and the exported models. */
package org.resnet4j.bench.onnxruntime;
