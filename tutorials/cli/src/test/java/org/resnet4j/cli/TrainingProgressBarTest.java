package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training progress line: its text, in-place redraws on a terminal, and few whole lines in a log. */
class TrainingProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long nanos = 1_000_000_000L;

    @Test
    void render_midEpoch_showsBarCountsMetricsSpeedAndTimeLeft() {
        // 212 of 422 steps: 212 * 30 / 422 = 15.07 cells, so 14 '=' and the head; 27,136 images in 17.69 s are
        // 1,533.97 img/s; the 210 steps left take 17.69 * 210 / 212 = 17.52 s.
        String line = TrainingProgressBar.render(3, 10, 212, 422, 212 * 128, 0.34121, metrics(0.88209),
                Duration.ofMillis(17_690));

        assertThat(line).isEqualTo("Epoch 3/10 [" + "=".repeat(14) + ">" + " ".repeat(15) + "] 212/422 "
                + "loss 0.3412 accuracy 0.8821 1534 img/s ETA 0:18");
    }

    @Test
    void render_lastStep_fillsTheBar_andShowsTheEpochsTimeInsteadOfTimeLeft() {
        String line = TrainingProgressBar.render(10, 10, 422, 422, 54_000, 0.25, metrics(0.9),
                Duration.ofSeconds(3_725));

        assertThat(line).isEqualTo("Epoch 10/10 [" + "=".repeat(30) + "] 422/422 loss 0.2500 accuracy 0.9000 "
                + "14 img/s took 1:02:05");
    }

    @Test
    void render_firstSteps_padTheCount_andLeaveOutWhatCannotBeKnownYet() {
        String line = TrainingProgressBar.render(1, 2, 0, 422, 0, 2.3, Map.of(), Duration.ZERO);

        assertThat(line).isEqualTo("Epoch 1/2 [" + " ".repeat(30) + "]   0/422 loss 2.3000");
    }

    @Test
    void terminal_redrawsOneLineInPlace_atMostEvery100ms_andEndsItAtTheLastStep() {
        TrainingProgressBar bar = new TrainingProgressBar(out, true, Duration.ofSeconds(10), () -> nanos);
        bar.startEpoch(1, 1);

        for (int step = 1; step <= 10; step++) {
            nanos += 60_000_000L; // 60 ms per step: the line is drawn every second step
            bar.update(step, 10, step * 32L, 1.0 / step, metrics(0.1 * step), Duration.ofMillis(60L * step));
        }

        String text = text();
        assertThat(text.chars().filter(c -> c == '\r').count()).isEqualTo(5);
        assertThat(text).startsWith("\rEpoch 1/1 [");
        assertThat(text.indexOf('\n')).as("one line end, after the last step").isEqualTo(text.length() - 1);
        assertThat(text.substring(text.lastIndexOf('\r') + 1).strip()).contains("10/10", "took 0:01");
    }

    @Test
    void terminal_rubsOutTheRestOfALongerPreviousLine() {
        TrainingProgressBar bar = new TrainingProgressBar(out, true, Duration.ofSeconds(10), () -> nanos);
        bar.startEpoch(1, 1);
        nanos += 200_000_000L;
        bar.update(1, 3, 32, 12.5, metrics(0.5), Duration.ofSeconds(1));
        String first = text().substring(1);
        nanos += 200_000_000L;
        Map<String, Double> none = Map.of();
        bar.update(2, 3, 64, 1.25, none, Duration.ofSeconds(2));

        String second = text().substring(first.length() + 2);
        assertThat(second.length()).isEqualTo(first.length());
        assertThat(second).endsWith(" ".repeat(first.length() - second.strip().length()));
    }

    @Test
    void log_printsAtMostOneLinePerInterval_plusTheFinalLine_andNoCarriageReturns() {
        TrainingProgressBar bar = new TrainingProgressBar(out, false, Duration.ofSeconds(10), () -> nanos);
        bar.startEpoch(2, 5);

        for (int step = 1; step <= 30; step++) {
            nanos += 1_000_000_000L; // one second per step: lines at 10 s and 20 s, then the final one at 30 s
            bar.update(step, 30, step * 128L, 0.5, metrics(0.8), Duration.ofSeconds(step));
        }

        String[] lines = text().split("\n");
        assertThat(text()).doesNotContain("\r").endsWith("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("Epoch 2/5 [").contains(" 10/30 ", "ETA 0:20");
        assertThat(lines[1]).contains(" 20/30 ", "ETA 0:10");
        assertThat(lines[2]).contains(" 30/30 ", "took 0:30", "128 img/s");
    }

    @Test
    void log_shortEpoch_printsOnlyItsFinalLine_andEachEpochStartsAfresh() {
        TrainingProgressBar bar = new TrainingProgressBar(out, false, Duration.ofSeconds(10), () -> nanos);
        for (int epoch = 1; epoch <= 2; epoch++) {
            bar.startEpoch(epoch, 2);
            for (int step = 1; step <= 4; step++) {
                nanos += 1_000_000_000L;
                Map<String, Double> m = metrics(0.7);
                if (step == 4) {
                    m.put("val_loss", 0.61);
                }
                bar.update(step, 4, step * 10L, 0.6, m, Duration.ofSeconds(step));
            }
        }

        assertThat(text().split("\n")).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains(" 4/4 ", "accuracy 0.7000 val_loss 0.6100"));
    }

    @Test
    void misuse_isNamedWithWhatWasReceived() {
        TrainingProgressBar bar = new TrainingProgressBar(out, false, Duration.ofSeconds(1), () -> nanos);

        assertThatThrownBy(() -> bar.update(1, 2, 1, 0, Map.of(), Duration.ZERO))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before startEpoch");
        assertThatThrownBy(() -> bar.startEpoch(3, 2)).hasMessageContaining("epoch 3 of 2");
        bar.startEpoch(1, 1);
        assertThatThrownBy(() -> bar.update(5, 4, 1, 0, Map.of(), Duration.ZERO))
                .hasMessageContaining("TrainingProgressBar expects").hasMessageContaining("step 5 of 4");
    }

    private static Map<String, Double> metrics(double accuracy) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        return m;
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
