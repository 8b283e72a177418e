package org.resnet4j.bench;

/** Told after every run of a benchmark, so that long measurements show that they are moving. */
@FunctionalInterface
public interface BenchmarkProgress {
    /**
     * Called after each run.
     *
     * @param warmup whether the run that ended was an untimed warm-up run
     * @param done   runs finished in this phase, from 1
     * @param total  runs in this phase
     */
    void runFinished(boolean warmup, int done, int total);

    /** Progress that shows nothing. */
    static BenchmarkProgress silent() {
        return (warmup, done, total) -> {
        };
    }
}
