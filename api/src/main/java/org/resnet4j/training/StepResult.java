package org.resnet4j.training;

import org.resnet4j.tensor.HostTensor;

/**
 * What one {@link TrainingStep#step} reports.
 *
 * @param loss        the batch-mean loss before the update
 * @param predictions the model's output for the batch, {@code [n, classes]}, for the metrics
 */
public record StepResult(double loss, HostTensor predictions) {
}
