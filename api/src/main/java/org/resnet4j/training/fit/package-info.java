/**
 * Keras' {@code compile}/{@code fit}/{@code evaluate} as plain Java: a {@link org.resnet4j.training.fit.Trainer}
 * binds a model to a backend, a loss, an optimizer and metrics; {@code fit} runs epochs of shuffled batches with
 * {@link org.resnet4j.training.fit.FitOptions}, reports to {@link org.resnet4j.training.fit.Callback callbacks}
 * (history, checkpoints, early stopping, learning-rate schedules) and is reproducible from its seed.
 */
package org.resnet4j.training.fit;
