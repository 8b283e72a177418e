package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The benchmark loop: warm-ups are untimed, each timed run is one sample, and the statistics are right. */
class BenchmarkTest {
    /** A clock that returns the scripted readings in order. */
    private static Benchmark scripted(long... readingsNanos) {
        Iterator<Long> it = java.util.Arrays.stream(readingsNanos).boxed().iterator();
        return new Benchmark(it::next);
    }

    @Test
    void run_timesOnlyTheTimedRuns_andCallsWorkForEveryRun() {
        AtomicInteger calls = new AtomicInteger();
        List<String> progress = new ArrayList<>();
        // Three timed runs of 5 ms, 2 ms and 9 ms; the two warm-ups never read the clock.
        Benchmark benchmark = scripted(0, 5_000_000, 10_000_000, 12_000_000, 20_000_000, 29_000_000);

        BenchmarkResult result = benchmark.run("x", 4, new BenchmarkPlan(2, 3), calls::incrementAndGet,
                (warmup, done, total) -> progress.add((warmup ? "w" : "t") + done + "/" + total));

        assertThat(calls).hasValue(5);
        assertThat(result.samplesMs()).containsExactly(5.0, 2.0, 9.0);
        assertThat(progress).containsExactly("w1/2", "w2/2", "t1/3", "t2/3", "t3/3");
    }

    @Test
    void run_withAWarmupTime_warmsUpUntilTheCountIsDoneAndTheTimeHasPassed() {
        AtomicInteger calls = new AtomicInteger();
        List<String> progress = new ArrayList<>();
        // Warm-up starts at 0 s; after the one counted run the clock says 2 s (go on), then 3.5 s (stop at 3 s);
        // then one timed run from 4 s to 4.007 s.
        Benchmark benchmark = scripted(0, 2_000_000_000L, 3_500_000_000L, 4_000_000_000L, 4_007_000_000L);

        BenchmarkResult result = benchmark.run("x", 1, new BenchmarkPlan(1, 1, 3.0), calls::incrementAndGet,
                (warmup, done, total) -> progress.add((warmup ? "w" : "t") + done + "/" + total));

        assertThat(calls).hasValue(3);
        assertThat(result.samplesMs()).containsExactly(7.0);
        assertThat(progress).containsExactly("w1/1", "w2/2", "t1/1");
    }

    @Test
    void statistics_oddSampleCount_medianIsTheMiddleSample() {
        BenchmarkResult r = new BenchmarkResult("x", 4, List.of(5.0, 2.0, 9.0));
        assertThat(r.medianMs()).isEqualTo(5.0);
        assertThat(r.minMs()).isEqualTo(2.0);
        assertThat(r.medianMsPerImage()).isEqualTo(1.25);
        assertThat(r.imagesPerSecond()).isEqualTo(800.0);
    }

    @Test
    void statistics_evenSampleCount_medianIsTheMeanOfTheMiddleTwo() {
        BenchmarkResult r = new BenchmarkResult("x", 1, List.of(10.0, 4.0, 6.0, 100.0));
        assertThat(r.medianMs()).isEqualTo(8.0);
        assertThat(r.describe()).isEqualTo(
                "x batch 1: median 8.0 ms, min 4.0 ms, 8.0 ms/image, 125.0 images/s (4 runs)");
    }

    @Test
    void plan_rejectsNoTimedRunsAndNegativeWarmupsOrWarmupTimes() {
        assertThatThrownBy(() -> new BenchmarkPlan(1, 0)).hasMessageContaining("at least one timed run")
                .hasMessageContaining("Received: 0");
        assertThatThrownBy(() -> new BenchmarkPlan(-1, 3)).hasMessageContaining("Received: -1");
        assertThatThrownBy(() -> new BenchmarkPlan(0, 3, -0.5)).hasMessageContaining("Received: -0.5");
        assertThatThrownBy(() -> new BenchmarkPlan(0, 3, Double.NaN)).hasMessageContaining("Received: NaN");
    }

    @Test
    void result_rejectsEmptySamplesAndNonPositiveBatch() {
        assertThatThrownBy(() -> new BenchmarkResult("tf", 1, List.of())).hasMessageStartingWith("tf:");
        assertThatThrownBy(() -> new BenchmarkResult("tf", 0, List.of(1.0))).hasMessageContaining("Received: 0");
    }

    @Test
    void workThatThrows_propagates() {
        Benchmark benchmark = new Benchmark();
        assertThatThrownBy(() -> benchmark.run("x", 1, new BenchmarkPlan(0, 1), () -> {
            throw new IllegalStateException("boom");
        }, BenchmarkProgress.silent())).hasMessage("boom");
    }
}
