package org.resnet4j.training.fit;

/**
 * The sizes of a {@link Trainer#fit} run, given to {@link Callback#onTrainBegin}.
 *
 * @param initialEpoch      the first epoch run (0 unless resuming)
 * @param epochs            the epoch count to reach ({@code epochs - initialEpoch} epochs run)
 * @param batchSize         the training batch size
 * @param batchesPerEpoch   training batches per epoch (the last may be smaller)
 * @param trainingSamples   samples per training epoch
 * @param validationSamples samples validated after each epoch (0 for none)
 */
public record TrainingPlan(int initialEpoch, int epochs, int batchSize, int batchesPerEpoch, int trainingSamples,
        int validationSamples) {
}
