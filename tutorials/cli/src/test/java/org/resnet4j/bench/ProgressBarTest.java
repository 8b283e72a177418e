package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress bar's text and its line handling. */
class ProgressBarTest {
    @Test
    void render_fillsInProportionToRunsDone() {
        assertThat(ProgressBar.render("tf", false, 5, 10)).isEqualTo("tf  timed   [##########----------]  5/10");
        assertThat(ProgressBar.render("tf", true, 3, 3)).isEqualTo("tf  warm-up [####################] 3/3");
    }

    @Test
    void eachPhaseEndsItsLine() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buffer, true, StandardCharsets.UTF_8), "nd4j");
        bar.runFinished(true, 1, 2);
        bar.runFinished(true, 2, 2);
        bar.runFinished(false, 1, 1);
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(text.split(System.lineSeparator())).hasSize(2);
        assertThat(text).startsWith("\rnd4j  warm-up [##########----------] 1/2\r");
    }
}
