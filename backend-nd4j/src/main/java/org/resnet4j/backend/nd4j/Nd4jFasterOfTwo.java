package org.resnet4j.backend.nd4j;

import java.util.function.ToLongFunction;

/**
 * Picks the faster of two ways of computing the same thing by running each: one untimed run each, then
 * {@code rounds} runs each, alternating, and the smaller of each one's fastest runs wins (the first on a tie).
 * Alternating and taking the fastest run keep a burst of load on a shared machine from deciding alone.
 */
final class Nd4jFasterOfTwo {
    private Nd4jFasterOfTwo() {
    }

    /** {@code first} or {@code second}, whichever {@code run} (a run's nanoseconds) timed faster. */
    static <T> T faster(T first, T second, ToLongFunction<T> run, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("Nd4jFasterOfTwo expects at least 1 round. Received: " + rounds);
        }
        run.applyAsLong(first);
        run.applyAsLong(second);
        long bestFirst = Long.MAX_VALUE;
        long bestSecond = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            bestFirst = Math.min(bestFirst, run.applyAsLong(first));
            bestSecond = Math.min(bestSecond, run.applyAsLong(second));
        }
        return bestSecond < bestFirst ? second : first;
    }
}
