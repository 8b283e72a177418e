package org.resnet4j.training;

/**
 * Keras' {@code CosineDecay} without warm-up: {@code initial * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps))
 * + alpha)} with {@code s = min(step, decaySteps)}, falling from {@code initial} to {@code alpha * initial}.
 */
public final class CosineDecay implements LearningRateSchedule {
    private final double initial;
    private final long decaySteps;
    private final double alpha;

    private CosineDecay(double initial, long decaySteps, double alpha) {
        if (!(initial > 0) || Double.isInfinite(initial)) {
            throw new IllegalArgumentException("CosineDecay expects a positive initial rate. Received: " + initial);
        }
        if (decaySteps < 1) {
            throw new IllegalArgumentException("CosineDecay expects decaySteps >= 1. Received: " + decaySteps);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("CosineDecay expects an alpha in [0, 1]. Received: " + alpha);
        }
        this.initial = initial;
        this.decaySteps = decaySteps;
        this.alpha = alpha;
    }

    /** From {@code initial} down to 0 over {@code decaySteps} steps. */
    public static CosineDecay of(double initial, long decaySteps) {
        return new CosineDecay(initial, decaySteps, 0);
    }

    /** The same decay ending at {@code newAlpha * initial} instead of 0. */
    public CosineDecay withAlpha(double newAlpha) {
        return new CosineDecay(initial, decaySteps, newAlpha);
    }

    @Override
    public double rate(long step) {
        double progress = (double) Math.min(Math.max(step, 0), decaySteps) / decaySteps;
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return initial * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String toString() {
        return "CosineDecay[initial=" + initial + ", decaySteps=" + decaySteps + ", alpha=" + alpha + "]";
    }
}
