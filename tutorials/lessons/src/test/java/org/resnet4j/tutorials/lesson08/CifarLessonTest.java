package org.resnet4j.tutorials.lesson08;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.resnet4j.tutorials.ConsoleCapture;

/** Runs lesson 8's main class (ResNet-110) and checks its output against the paper and hand-derived values. */
class CifarLessonTest {
    private static String out;

    @BeforeAll
    static void runLesson() throws Exception {
        out = ConsoleCapture.stdout(() -> CifarLesson.main(new String[0]));
    }

    @ParameterizedTest(name = "depth {0}: {1}")
    @CsvSource({"20, 0.27M", "32, 0.46M", "44, 0.66M", "56, 0.85M", "110, 1.7M", "1202, 19.4M"})
    void table_countsLayersAndParameters_andRoundsToPaperTable6(int depth, String paper) {
        int n = (depth - 2) / 6;
        // Stem 3x3x3x16 + BN 2*16; per stage n blocks of two 3x3 convs and two BNs, the first conv of stages 2 and 3
        // fed half the width; dense 64*10 + 10.
        long stage1 = n * (2L * 9 * 16 * 16 + 4 * 16);
        long stage2 = 9L * 16 * 32 + 9L * 32 * 32 + 4 * 32 + (n - 1) * (2L * 9 * 32 * 32 + 4 * 32);
        long stage3 = 9L * 32 * 64 + 9L * 64 * 64 + 4 * 64 + (n - 1) * (2L * 9 * 64 * 64 + 4 * 64);
        long params = 9 * 3 * 16 + 2 * 16 + stage1 + stage2 + stage3 + 64 * 10 + 10;
        // Depth 6n + 2 counts the weighted layers: the stem, 6n convolutions, the dense layer.
        assertThat(out).containsPattern(String.format(Locale.ROOT, "\n *%d +%d +%d +%,d = %-7s +%s\n", depth, n,
                depth, params, Pattern.quote(paper), Pattern.quote(paper)));
    }

    @Test
    void optionB_addsTheTwoProjections_andOptionASubsamplesAndPadsWithZeros() {
        // conv3_block1_0: 1x1 16->32 + BN(32); conv4_block1_0: 1x1 32->64 + BN(64); trainable BN = gamma and beta.
        long projections = (16 * 32 + 2 * 32) + (32 * 64 + 2 * 64);
        assertThat(out).contains(String.format(Locale.ROOT, "B - A = %,d", projections))
                .contains("option A: ZeroPadShortcut (no parameters);  option B: Conv2D 1x1 stride 2 + "
                        + "BatchNormalization")
                // Every second row and column of each channel, then two channels of zeros.
                .contains("  output channel 0: [1 3] [9 11]\n")
                .contains("  output channel 1: [101 103] [109 111]\n")
                .contains("  output channel 2: [0 0] [0 0]\n")
                .contains("  output channel 3: [0 0] [0 0]\n");
    }

    @Test
    void forwardPass_throughResNet110_givesTenProbabilities() {
        assertThat(out).contains("== 3. A forward pass through ResNet-110 (option A)");
        Matcher m = Pattern.compile("output \\[1, 10\\], probabilities sum to (\\S+)\n").matcher(out);
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void signal_growsGeometricallyWithFreshWeights_andStaysPutWhenBlocksStartAsIdentity() {
        double[] stem = row("conv1_relu");
        double[] stage2 = row("conv2_block18_out");
        double[] stage4 = row("conv4_block18_out");
        double[] logits = row("predictions \\(logits\\)");
        // Fresh weights: each block multiplies the mean square by 1.5 to 3 (see Exercise 3), so 18 blocks multiply
        // the root mean square by between sqrt(1.5)^18 and sqrt(3)^18.
        assertThat(stage2[0] / stem[0]).isBetween(Math.pow(1.5, 9), Math.pow(3, 9));
        assertThat(stage4[0]).isGreaterThan(stage2[0] * 100);
        // Zeroed last BatchNorm: relu(x + 0) = x for x >= 0, so 18 identity blocks return the stem's output.
        assertThat(stage2[1]).isCloseTo(stem[1], within(1e-3));
        assertThat(stage4[1]).isLessThan(stem[1]);
        assertThat(logits[1]).isLessThan(10);
    }

    private static double[] row(String layer) {
        Matcher m = Pattern.compile("\n" + layer + " +(\\S+) +(\\S+)\n").matcher(out);
        assertThat(m.find()).as(layer).isTrue();
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }
}
