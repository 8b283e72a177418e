/** The ND4J backend: every {@link org.resnet4j.ops.Ops} primitive on ND4J's native (libnd4j, oneDNN) CPU kernels, in NHWC. */
package org.resnet4j.backend.nd4j;
