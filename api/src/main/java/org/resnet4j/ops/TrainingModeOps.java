package org.resnet4j.ops;

import org.resnet4j.tensor.Tensor;

/**
 * {@link Ops} that run layers in training mode. A layer whose training behaviour differs from its inference
 * (BatchNormalization, Dropout) asks for the training form here when its {@code Ops} implement this interface, and
 * runs the inference form otherwise; every other layer is the same in both modes.
 */
public interface TrainingModeOps extends Ops {

    /**
     * Batch normalisation on the batch statistics, updating the moving statistics in place with {@code momentum}
     * (see {@link GradientOps#batchNormTraining}).
     */
    Tensor batchNormTraining(Tensor input, Tensor gamma, Tensor beta, Tensor movingMean, Tensor movingVariance,
            float epsilon, float momentum);

    /**
     * Dropout while training: each value is zeroed with probability {@code rate} and the others are divided by
     * {@code 1 - rate} (Keras' inverted dropout), drawn from the seed the training run was given.
     */
    Tensor dropoutTraining(Tensor input, float rate);
}
