/**
 * ONNX Runtime Java as the yardstick of the inference benchmark: runs torchvision's ResNets, exported to ONNX by
 * {@code bench/export_onnx.py}, checks their output against PyTorch's, and times them with the benchmark loop and
 * record format of {@code org.resnet4j.bench}. A benchmark-only module, built with {@code -Ponnxruntime}.
 */
package org.resnet4j.bench.onnxruntime;
