package org.resnet4j.training;

import java.util.Arrays;

/**
 * A learning rate multiplied by {@code factor} at each boundary: {@code initial * factor^k} where {@code k} is the
 * number of boundaries {@code b} with {@code step >= b}. The CIFAR recipe of He et al. (learning rate 0.1, divided by
 * 10 at 32k and 48k iterations) is {@code StepDecay.of(0.1, 0.1, 32_000, 48_000)} counted in iterations: steps 0 to
 * 31,999 use 0.1, steps 32,000 to 47,999 use 0.01, later steps 0.001.
 */
public final class StepDecay implements LearningRateSchedule {
    private final double initial;
    private final double factor;
    private final long[] boundaries;

    private StepDecay(double initial, double factor, long[] boundaries) {
        this.initial = initial;
        this.factor = factor;
        this.boundaries = boundaries;
    }

    /** The rate {@code initial}, multiplied by {@code factor} at each of {@code boundaries} (ascending, >= 1). */
    public static StepDecay of(double initial, double factor, long... boundaries) {
        if (!(initial > 0) || Double.isInfinite(initial)) {
            throw new IllegalArgumentException("StepDecay expects a positive initial rate. Received: " + initial);
        }
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("StepDecay expects a positive factor. Received: " + factor);
        }
        for (int i = 0; i < boundaries.length; i++) {
            if (boundaries[i] < 1 || (i > 0 && boundaries[i] <= boundaries[i - 1])) {
                throw new IllegalArgumentException("StepDecay expects ascending boundaries of 1 or more. Received: "
                        + Arrays.toString(boundaries));
            }
        }
        return new StepDecay(initial, factor, boundaries.clone());
    }

    @Override
    public double rate(long step) {
        double rate = initial;
        for (long boundary : boundaries) {
            if (step >= boundary) {
                rate *= factor;
            }
        }
        return rate;
    }

    @Override
    public String toString() {
        return "StepDecay[initial=" + initial + ", factor=" + factor + ", boundaries=" + Arrays.toString(boundaries)
                + "]";
    }
}
