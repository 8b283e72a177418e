package org.resnet4j.training.fit;

/**
 * Receives the events of {@link Trainer#fit} in this order: {@code onTrainBegin}, then per epoch
 * {@code onEpochBegin}, per batch {@code onBatchBegin} and {@code onBatchEnd}, {@code onEpochEnd} (after validation),
 * and finally {@code onTrainEnd}. Every method does nothing by default. A callback may change the learning rate
 * ({@code trainer.optimizer().setLearningRate}), read or replace the weights, or ask {@link Trainer#stopTraining()}.
 */
public interface Callback {
    /** Before the first epoch; {@code plan} holds the sizes a progress bar needs. */
    default void onTrainBegin(Trainer trainer, TrainingPlan plan) {
    }

    /** Before the first batch of {@code epoch} (0-based). */
    default void onEpochBegin(Trainer trainer, int epoch) {
    }

    /**
     * Before batch {@code batch} (0-based, within the epoch); {@code iteration} is the number of optimizer steps
     * already taken, this run and any it resumes.
     */
    default void onBatchBegin(Trainer trainer, int epoch, int batch, long iteration) {
    }

    /** After each training step, with the epoch's running loss and metrics. */
    default void onBatchEnd(Trainer trainer, BatchProgress progress) {
    }

    /** After the epoch's validation, with its logs. */
    default void onEpochEnd(Trainer trainer, EpochLogs logs) {
    }

    /** After the last epoch (or the one where training stopped). */
    default void onTrainEnd(Trainer trainer, History history) {
    }
}
