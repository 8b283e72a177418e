package org.resnet4j.training;

/**
 * A learning rate as a function of a step count (Keras' {@code LearningRateSchedule}): the number of optimizer steps
 * already taken, or the number of the epoch about to start, whichever the caller counts.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The learning rate for the step or epoch numbered {@code step} (0-based). */
    double rate(long step);
}
