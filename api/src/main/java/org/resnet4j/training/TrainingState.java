package org.resnet4j.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.resnet4j.tensor.HostTensor;

/**
 * What resuming a training run needs besides the model's weights; a checkpoint stores it next to them.
 *
 * @param epoch           the number of epochs completed (the {@code initialEpoch} to resume with)
 * @param iterations      the number of optimizer steps taken
 * @param seed            the seed of the run (shuffling, augmentation, dropout)
 * @param optimizer       the optimizer's settings ({@link Optimizer#config()}), learning rate included
 * @param optimizerState  the optimizer's state ({@link Optimizer#state()})
 */
public record TrainingState(int epoch, long iterations, long seed, Map<String, Object> optimizer,
        Map<String, HostTensor> optimizerState) {
    /** Checks the counts and copies the maps. */
    public TrainingState {
        if (epoch < 0 || iterations < 0) {
            throw new IllegalArgumentException("TrainingState expects an epoch and iterations >= 0. Received: epoch="
                    + epoch + ", iterations=" + iterations);
        }
        optimizer = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optimizer));
        optimizerState = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
    }
}
