package org.resnet4j.ops;

import org.resnet4j.tensor.Tensor;

/**
 * What {@link GradientOps#batchNormTraining} returns: the output and what the backward pass needs.
 *
 * @param output   the normalised, scaled and shifted input
 * @param mean     the batch mean per channel, {@code [c]}
 * @param variance the biased batch variance per channel (divided by the number of values), {@code [c]}
 */
public record BatchNormTraining(Tensor output, Tensor mean, Tensor variance) {
}
