package org.resnet4j.tutorials.lesson02;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.tutorials.ConsoleCapture;

/**
 * Lesson 2 prints blocks b, c and d and the bottleneck arithmetic; every number is checked against
 * {@code k * k * cin * cout} for a convolution and {@code 4 * channels} for a BatchNorm.
 */
class BlocksLessonTest {
    private static String printed;

    @BeforeAll
    static void runLesson() throws Exception {
        printed = ConsoleCapture.stdout(() -> BlocksLesson.main(new String[0]));
    }

    private static long conv(int k, int cin, int cout) {
        return (long) k * k * cin * cout;
    }

    @Test
    void blockB_projectionShortcut_andTotals() {
        long weights = conv(1, 64, 128) + conv(3, 64, 128) + conv(3, 128, 128);
        long batchNorms = 3 * 4L * 128;

        assertThat(printed).containsPattern("conv3_block1_0_conv +Conv2D 1x1 /2 +\\[28, 28, 128\\] +"
                + n(conv(1, 64, 128)) + " +x\n")
                .containsPattern("conv3_block1_1_conv +Conv2D 3x3 /2 +\\[28, 28, 128\\] +" + n(conv(3, 64, 128)))
                .containsPattern("conv3_block1_add +Add +\\[28, 28, 128\\] +0 +conv3_block1_0_bn \\+ conv3_block1_2_bn")
                .contains("1 x 1 x 64 x 128 = 8,192 weights, then a BatchNorm of 512")
                .contains("block b: " + n(weights + batchNorms) + " parameters, " + n(weights + batchNorms / 2)
                        + " trainable");
    }

    @Test
    void bottleneck_69632Weights_against_1179648() {
        long bottleneck = conv(1, 256, 64) + conv(3, 64, 64) + conv(1, 64, 256);
        long twoConvolutions = 2 * conv(3, 256, 256);
        // The numbers, and the formula's.
        assertThat(bottleneck).isEqualTo(69_632L);
        assertThat(twoConvolutions).isEqualTo(1_179_648L);

        assertThat(printed).contains("1 x 1 x 256 x 64 = 16,384\n").contains("3 x 3 x 64 x 64 = 36,864\n")
                .contains("1 x 1 x 64 x 256 = 16,384\n").contains("  total                69,632\n")
                .contains("basic_1_conv         3x3  256 -> 256  3 x 3 x 256 x 256 = 589,824\n")
                .contains("  total                1,179,648\n")
                .contains(String.format(Locale.ROOT, "the bottleneck needs %.1f times fewer weights",
                        (double) twoConvolutions / bottleneck))
                .contains("multiply-adds on the 56x56 map: " + n(56L * 56 * bottleneck) + " against "
                        + n(56L * 56 * twoConvolutions));
    }

    @Test
    void blockC_andBlockD_totals() {
        long c = conv(1, 256, 64) + conv(3, 64, 64) + conv(1, 64, 256);
        long cBatchNorm = 4L * (64 + 64 + 256);
        long d = conv(1, 256, 512) + conv(1, 256, 128) + conv(3, 128, 128) + conv(1, 128, 512);
        long dBatchNorm = 4L * (512 + 128 + 128 + 512);

        assertThat(printed).contains("block c: " + n(c + cBatchNorm) + " parameters, " + n(c + cBatchNorm / 2))
                .contains("block d: " + n(d + dBatchNorm) + " parameters, " + n(d + dBatchNorm / 2))
                // torchvision ("v1.5") puts the stride on the 3x3: the first 1x1 still sees 56x56.
                .containsPattern("conv3_block1_1_conv +Conv2D 1x1 /1 +\\[56, 56, 128\\]")
                .containsPattern("conv3_block1_2_conv +Conv2D 3x3 /2 +\\[28, 28, 128\\]")
                .containsPattern("conv3_block1_out +ReLU +\\[28, 28, 512\\]");
    }

    @Test
    void everyLibraryBlock_isTheHandBuiltBlock() {
        assertThat(printed.split("differences from the hand-built block: none\n", -1)).hasSize(4);
        assertThat(printed).doesNotContain("differences from the hand-built block: 1");
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
