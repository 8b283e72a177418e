package org.resnet4j.bench;

/**
 * How long a benchmark warms up and how many runs it times. Warm-up runs absorb one-off costs (graph optimisation,
 * native initialisation, JIT compilation) that would otherwise distort the samples. JIT compilation is the slow
 * one on the JVM: a backend that makes many small calls from Java per forward pass (ND4J: about 125 per ResNet-50
 * pass) is still being compiled by C2 after dozens of passes, and while the compiler threads run they take cores
 * from the backend's own threads. Hence a minimum warm-up time as well as a count.
 *
 * @param warmups       untimed runs before measuring, zero or more
 * @param iterations    timed runs, one or more
 * @param warmupSeconds the least time spent warming up, zero or more: warm-up runs go on until both
 *                      {@code warmups} runs are done and this much time has passed
 */
public record BenchmarkPlan(int warmups, int iterations, double warmupSeconds) {
    public BenchmarkPlan {
        if (warmups < 0) {
            throw new IllegalArgumentException("A benchmark expects zero or more warm-up runs. Received: " + warmups);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("A benchmark expects at least one timed run. Received: " + iterations);
        }
        if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
            throw new IllegalArgumentException("A benchmark expects a warm-up time of zero or more seconds. Received: "
                    + warmupSeconds);
        }
    }

    /** A plan that warms up for exactly {@code warmups} runs, however long they take. */
    public BenchmarkPlan(int warmups, int iterations) {
        this(warmups, iterations, 0);
    }
}
