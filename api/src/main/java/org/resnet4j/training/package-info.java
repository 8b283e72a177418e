/**
 * Losses, metrics, optimizers and learning-rate schedules written once over the backward primitives, with Keras'
 * conventions: categorical and sparse categorical cross-entropy (from probabilities as Keras clips them, or from
 * logits), accuracy, SGD with momentum and Nesterov, Adam, step and cosine decay; optimizer state as named tensors
 * and {@link org.resnet4j.training.TrainingState} for checkpoints; the {@link org.resnet4j.training.TrainingStep}
 * seam that {@code fit} drives ({@code org.resnet4j.training.fit}).
 */
package org.resnet4j.training;
