package org.resnet4j.tutorials.lesson11.solutions;

import org.resnet4j.training.StepDecay;

/**
 * Exercise 1: the paper's schedule in epochs. The paper counts iterations (steps of 128 images); an epoch over
 * {@code images} images is {@code ceil(images / batch)} steps, the last one smaller.
 */
public final class Exercise1Solution {
    private Exercise1Solution() {
    }

    /** The schedule: 0.1, divided by 10 at 32k and 48k iterations. */
    public static StepDecay schedule() {
        return StepDecay.of(0.1, 0.1, 32_000, 48_000);
    }

    /** The number of steps in one epoch. */
    public static int stepsPerEpoch(int images, int batch) {
        return (images + batch - 1) / batch;
    }

    /** The epoch (counted from 1) in which iteration {@code iteration} (counted from 0) runs. */
    public static long epochOf(long iteration, int images, int batch) {
        return iteration / stepsPerEpoch(images, batch) + 1;
    }

    /** The whole epochs needed to take {@code iterations} steps. */
    public static long epochsFor(long iterations, int images, int batch) {
        int perEpoch = stepsPerEpoch(images, batch);
        return (iterations + perEpoch - 1) / perEpoch;
    }
}
