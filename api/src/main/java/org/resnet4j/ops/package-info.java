/**
 * The primitive operations every backend implements ({@link org.resnet4j.ops.Ops}), the value types that configure
 * them, and each op's shape rule ({@code ConvolutionShapes}, {@code PoolingShapes}, {@code NormalizationShapes},
 * {@code ElementwiseShapes}, {@code MatrixShapes}, {@code LayoutShapes}): the argument checks and the output shape,
 * written once and called by every backend before it computes, worded by {@link org.resnet4j.ops.ArgumentErrors}.
 */
package org.resnet4j.ops;
