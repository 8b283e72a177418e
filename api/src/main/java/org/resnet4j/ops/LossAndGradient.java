package org.resnet4j.ops;

import org.resnet4j.tensor.Tensor;

/**
 * A loss primitive's result: computing the gradient with the loss costs almost nothing more, so both come at once.
 *
 * @param loss     the batch mean, a scalar (shape {@code []})
 * @param gradient the gradient of {@code loss} with respect to the predictions, their shape
 */
public record LossAndGradient(Tensor loss, Tensor gradient) {
}
