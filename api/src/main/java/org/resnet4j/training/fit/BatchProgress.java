package org.resnet4j.training.fit;

import java.util.Map;

/**
 * The state of an epoch after one of its batches, as {@link Callback#onBatchEnd} receives it (what a progress bar
 * shows).
 *
 * @param epoch       the epoch (0-based)
 * @param batch       the batch just trained (0-based within the epoch)
 * @param batches     the number of batches in the epoch
 * @param iteration   optimizer steps taken so far, this one included
 * @param samplesSeen samples trained in this epoch so far
 * @param samples     samples in the epoch
 * @param loss        the mean loss over the epoch's samples so far
 * @param metrics     each metric's mean over the epoch's samples so far, by name
 */
public record BatchProgress(int epoch, int batch, int batches, long iteration, int samplesSeen, int samples,
        double loss, Map<String, Double> metrics) {
    /** Copies the metrics. */
    public BatchProgress {
        metrics = Map.copyOf(metrics);
    }
}
