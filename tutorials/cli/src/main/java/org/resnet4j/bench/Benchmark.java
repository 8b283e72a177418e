package org.resnet4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Runs a piece of work repeatedly and times it: first the plan's warm-up runs, untimed (at least its count of
 * them and for at least its warm-up time), then its timed runs, each measured on its own so that the median is not
 * pulled by a single slow run (a garbage collection, another process).
 */
public final class Benchmark {
    private final LongSupplier nanoClock;

    /** A benchmark on the JVM's monotonic clock, {@link System#nanoTime()}. */
    public Benchmark() {
        this(System::nanoTime);
    }

    /** A benchmark on another clock; tests use a scripted one to check the arithmetic exactly. */
    public Benchmark(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * Runs {@code work} as the plan says and returns the timed samples.
     *
     * @param label    what is measured, carried into the result
     * @param batch    images that one run of {@code work} processes
     * @param plan     warm-up runs and time, and the timed run count
     * @param work     one forward pass (or whatever is measured); its exceptions propagate
     * @param progress told after every run
     */
    public BenchmarkResult run(String label, int batch, BenchmarkPlan plan, Runnable work, BenchmarkProgress progress) {
        long warmupNanos = (long) (plan.warmupSeconds() * 1e9);
        long warmupStart = warmupNanos > 0 ? nanoClock.getAsLong() : 0;
        for (int i = 1; i <= plan.warmups() || (warmupNanos > 0 && nanoClock.getAsLong() - warmupStart < warmupNanos);
                i++) {
            work.run();
            // Past the counted runs the warm-up lasts as long as the clock says: the total grows with the count.
            progress.runFinished(true, i, Math.max(i, plan.warmups()));
        }
        List<Double> samples = new ArrayList<>(plan.iterations());
        for (int i = 1; i <= plan.iterations(); i++) {
            long start = nanoClock.getAsLong();
            work.run();
            long end = nanoClock.getAsLong();
            samples.add((end - start) / 1e6);
            progress.runFinished(false, i, plan.iterations());
        }
        return new BenchmarkResult(label, batch, samples);
    }
}
