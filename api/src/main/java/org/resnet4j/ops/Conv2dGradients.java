package org.resnet4j.ops;

import org.resnet4j.tensor.Tensor;

/**
 * What {@link GradientOps#conv2dBackward} returns.
 *
 * @param input  the gradient with respect to the input, {@code [n, h, w, cin]}; {@code null} when not asked for
 * @param kernel the gradient with respect to the kernel, {@code [kh, kw, cin, cout]}
 */
public record Conv2dGradients(Tensor input, Tensor kernel) {
}
