package org.resnet4j.training.fit;

import org.resnet4j.training.LearningRateSchedule;

/**
 * Sets the optimizer's learning rate from a {@link LearningRateSchedule}: before every step from the number of steps
 * already taken ({@link #perIteration}, the CIFAR recipe's "divide by 10 at 32k and 48k iterations"), or before every
 * epoch from its number ({@link #perEpoch}, Keras' {@code LearningRateScheduler}). Counting from the run's step and
 * epoch counts, a resumed run gets the rates of the uninterrupted one.
 */
public final class LearningRateScheduler implements Callback {
    private final LearningRateSchedule schedule;
    private final boolean perIteration;

    private LearningRateScheduler(LearningRateSchedule schedule, boolean perIteration) {
        this.schedule = schedule;
        this.perIteration = perIteration;
    }

    /** The rate of each step is {@code schedule.rate(steps already taken)}. */
    public static LearningRateScheduler perIteration(LearningRateSchedule schedule) {
        return new LearningRateScheduler(schedule, true);
    }

    /** The rate of each epoch is {@code schedule.rate(epoch)} (0-based). */
    public static LearningRateScheduler perEpoch(LearningRateSchedule schedule) {
        return new LearningRateScheduler(schedule, false);
    }

    @Override
    public void onEpochBegin(Trainer trainer, int epoch) {
        if (!perIteration) {
            trainer.optimizer().setLearningRate(schedule.rate(epoch));
        }
    }

    @Override
    public void onBatchBegin(Trainer trainer, int epoch, int batch, long iteration) {
        if (perIteration) {
            trainer.optimizer().setLearningRate(schedule.rate(iteration));
        }
    }
}
