package org.resnet4j.tutorials.lesson09;

import java.util.Arrays;

/**
 * A minimal benchmark loop: run a few times unmeasured (warm-up), then measure several runs one by one and report
 * their median, which one slow run (a garbage collection, another process) cannot move the way it moves a mean.
 */
public final class Timing {
    private Timing() {
    }

    /** Sorted durations of the measured runs, in milliseconds. */
    public record Runs(double[] millis) {
        /** The middle run (the mean of the two middle runs for an even count). */
        public double median() {
            int n = millis.length;
            return n % 2 == 1 ? millis[n / 2] : (millis[n / 2 - 1] + millis[n / 2]) / 2;
        }

        /** The fastest run. */
        public double min() {
            return millis[0];
        }

        /** The slowest run. */
        public double max() {
            return millis[millis.length - 1];
        }
    }

    /** Runs {@code body} {@code warmups} times without measuring, then {@code runs} times measuring each one. */
    public static Runs measure(Runnable body, int warmups, int runs) {
        if (warmups < 0 || runs < 1) {
            throw new IllegalArgumentException("measure expects warmups >= 0 and runs >= 1. Received: " + warmups
                    + ", " + runs);
        }
        for (int i = 0; i < warmups; i++) {
            body.run();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            body.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return new Runs(millis);
    }

    /** Milliseconds since {@code startNanos}. */
    public static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
