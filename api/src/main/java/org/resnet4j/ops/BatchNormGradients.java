package org.resnet4j.ops;

import org.resnet4j.tensor.Tensor;

/**
 * What {@link GradientOps#batchNormBackward} returns.
 *
 * @param input the gradient with respect to the input
 * @param gamma the gradient with respect to the scale, {@code [c]}
 * @param beta  the gradient with respect to the offset, {@code [c]}
 */
public record BatchNormGradients(Tensor input, Tensor gamma, Tensor beta) {
}
