package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary over rounds: medians of round medians, their range, ratios in the same round, streaks. */
class BenchmarkSummaryTest {
    private static BenchmarkRecord record(String engine, String network, int batch, double medianMs) {
        return new BenchmarkRecord(engine, network, batch, medianMs, medianMs - 1, 10);
    }

    @Test
    void summarise_takesTheMedianOfTheRoundMedians_andEachRatioInItsOwnRound() {
        List<List<BenchmarkRecord>> rounds = List.of(
                List.of(record("onnxruntime", "resnet50", 8, 160), record("tf", "resnet50", 8, 200)),
                List.of(record("onnxruntime", "resnet50", 8, 200), record("tf", "resnet50", 8, 220)),
                List.of(record("onnxruntime", "resnet50", 8, 170), record("tf", "resnet50", 8, 180)));

        List<RoundSummary> summaries = BenchmarkSummary.summarise(rounds, "onnxruntime");

        assertThat(summaries).extracting(RoundSummary::engine).containsExactly("onnxruntime", "tf");
        RoundSummary tf = summaries.get(1);
        assertThat(tf.roundMedians()).containsExactly(200.0, 220.0, 180.0);
        assertThat(tf.medianMs()).isEqualTo(200.0);
        assertThat(tf.lowestMs()).isEqualTo(180.0);
        assertThat(tf.highestMs()).isEqualTo(220.0);
        // 200/160, 220/200, 180/170: each against the reference of its own round, not the reference's median.
        assertThat(tf.ratios()).satisfiesExactly(
                r -> assertThat(r).isCloseTo(1.25, within(1e-12)),
                r -> assertThat(r).isCloseTo(1.10, within(1e-12)),
                r -> assertThat(r).isCloseTo(1.0588235294, within(1e-9)));
        assertThat(summaries.get(0).ratios()).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void summarise_keepsNetworksAndBatchesApart_andMarksARoundWithoutReference() {
        List<List<BenchmarkRecord>> rounds = List.of(
                List.of(record("onnxruntime", "resnet50", 8, 100), record("nd4j", "resnet50", 8, 150),
                        record("nd4j", "resnet18", 8, 40), record("nd4j", "resnet50", 1, 30)),
                List.of(record("onnxruntime", "resnet18", 8, 20), record("nd4j", "resnet18", 8, 30)));

        List<RoundSummary> summaries = BenchmarkSummary.summarise(rounds, "onnxruntime");

        assertThat(summaries).extracting(s -> s.engine() + " " + s.network() + " " + s.batch())
                .containsExactly("onnxruntime resnet50 8", "nd4j resnet50 8", "nd4j resnet18 8", "nd4j resnet50 1",
                        "onnxruntime resnet18 8");
        RoundSummary nd4j18 = summaries.get(2);
        assertThat(nd4j18.roundMedians()).containsExactly(40.0, 30.0);
        assertThat(nd4j18.medianMs()).isEqualTo(35.0);
        assertThat(nd4j18.ratios().get(0)).isNaN();
        assertThat(nd4j18.ratios().get(1)).isEqualTo(1.5);
        assertThat(summaries.get(1).ratios()).containsExactly(1.5);
    }

    @Test
    void longestStreak_countsConsecutiveRoundsWithinTheTarget_aMissingReferenceBreaksIt() {
        RoundSummary s = new RoundSummary("tf", "resnet50", 8, List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
                List.of(1.1, 1.2, 1.3, 1.0, Double.NaN, 1.19, 1.05));
        assertThat(s.longestStreakAtMost(1.2)).isEqualTo(2);
        assertThat(s.longestStreakAtMost(1.3)).isEqualTo(4);
        assertThat(s.longestStreakAtMost(1.0)).isEqualTo(1);
    }

    @Test
    void format_groupsByNetworkThenBatch_withRangePerImageAndStreak() {
        List<List<BenchmarkRecord>> rounds = List.of(
                List.of(record("onnxruntime", "resnet50", 8, 160), record("onnxruntime", "resnet50", 1, 22),
                        record("tf", "resnet50", 8, 200), record("tf", "resnet50", 1, 30),
                        record("onnxruntime", "resnet18", 8, 60), record("tf", "resnet18", 8, 66)),
                List.of(record("onnxruntime", "resnet50", 8, 200), record("onnxruntime", "resnet50", 1, 20),
                        record("tf", "resnet50", 8, 220), record("tf", "resnet50", 1, 23),
                        record("onnxruntime", "resnet18", 8, 60), record("tf", "resnet18", 8, 90)));

        String table = BenchmarkSummary.format(BenchmarkSummary.summarise(rounds, "onnxruntime"), 2, "onnxruntime",
                1.2);

        // tf resnet50 batch 1: 30/22 = 1.36x, 23/20 = 1.15x; median (30 + 23) / 2 = 26.5.
        assertThat(table.split("\n")).containsExactly(
                "| network | batch | engine | rounds | median of round medians ms/batch | range ms/batch | ms/image"
                        + " | vs onnxruntime per round | rounds in a row <= 1.20x |",
                "|---|---:|---|---:|---:|---:|---:|---|---:|",
                "| resnet50 | 1 | onnxruntime | 2/2 | 21.0 | 20.0..22.0 | 21.0 | 1.00x, 1.00x | - |",
                "| resnet50 | 1 | tf | 2/2 | 26.5 | 23.0..30.0 | 26.5 | 1.36x, 1.15x | 1 |",
                "| resnet50 | 8 | onnxruntime | 2/2 | 180.0 | 160.0..200.0 | 22.5 | 1.00x, 1.00x | - |",
                "| resnet50 | 8 | tf | 2/2 | 210.0 | 200.0..220.0 | 26.3 | 1.25x, 1.10x | 1 |",
                "| resnet18 | 8 | onnxruntime | 2/2 | 60.0 | 60.0..60.0 | 7.5 | 1.00x, 1.00x | - |",
                "| resnet18 | 8 | tf | 2/2 | 78.0 | 66.0..90.0 | 9.8 | 1.10x, 1.50x | 1 |");
    }

    @Test
    void roundSummary_rejectsNoRoundsAndMismatchedRatios() {
        assertThatThrownBy(() -> new RoundSummary("tf", "resnet50", 8, List.of(), List.of()))
                .hasMessageContaining("Received: 0 medians, 0 ratios");
        assertThatThrownBy(() -> new RoundSummary("tf", "resnet50", 8, List.of(1.0), List.of()))
                .hasMessageStartingWith("tf resnet50 batch 8:");
    }
}
