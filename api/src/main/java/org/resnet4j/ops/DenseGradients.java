package org.resnet4j.ops;

import org.resnet4j.tensor.Tensor;

/**
 * What {@link GradientOps#denseBackward} returns.
 *
 * @param input  the gradient with respect to the input, {@code [n, in]}
 * @param kernel the gradient with respect to the kernel, {@code [in, out]}
 */
public record DenseGradients(Tensor input, Tensor kernel) {
}
