package org.resnet4j.training;

import org.resnet4j.tensor.HostTensor;

/**
 * A per-sample quality measure that {@code fit} and {@code evaluate} average over the samples they see (Keras'
 * {@code MeanMetricWrapper}): each batch contributes the sum of its samples' values, the result is that total
 * divided by the number of samples. Being stateless, one metric object serves training and validation at once.
 */
public interface Metric {
    /** The name in logs and in the history: {@code "accuracy"}; validation adds {@code "val_"}. */
    String name();

    /**
     * The sum over the batch of the metric's per-sample values.
     *
     * @param predictions the model's output for the batch, {@code [n, classes]}
     * @param labels      the class index of each sample
     */
    double sum(HostTensor predictions, int[] labels);
}
