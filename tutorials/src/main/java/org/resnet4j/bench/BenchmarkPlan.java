package org.resnet4j.bench;

/**
 * How many untimed warm-up runs and timed runs a benchmark makes. Warm-up runs absorb one-off costs (graph
 * optimisation, native initialisation, JIT compilation) that would otherwise distort the first samples.
 *
 * @param warmups    untimed runs before measuring, zero or more
 * @param iterations timed runs, one or more
 */
public record BenchmarkPlan(int warmups, int iterations) {
    public BenchmarkPlan {
        if (warmups < 0) {
            throw new IllegalArgumentException("A benchmark expects zero or more warm-up runs. Received: " + warmups);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("A benchmark expects at least one timed run. Received: " + iterations);
        }
    }
}
