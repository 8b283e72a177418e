package org.resnet4j.tutorials.lesson05;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.tutorials.ConsoleCapture;

/**
 * Lesson 5 prints the blog's summary and reads each departure off it. The expected numbers come from the blog's
 * printed totals (11,708,328 / 11,698,600 / 9,728), torchvision's published 11,689,512, and conv arithmetic.
 */
class BlogResNet18LessonTest {
    private static String printed;

    @BeforeAll
    static void runLesson() throws Exception {
        printed = ConsoleCapture.stdout(() -> BlogResNet18Lesson.main(new String[0]));
    }

    @Test
    void summary_hasTheBlogsTotals() {
        assertThat(printed).contains("Total params: 11,708,328\nTrainable params: 11,698,600\n"
                + "Non-trainable params: 9,728\n");
    }

    @Test
    void departures1to5_areShownByTheirSummaryRows() {
        long conv1WithBias = 7L * 7 * 3 * 64 + 64;
        long conv3x3WithBias = 3L * 3 * 64 * 64 + 64;
        long projectionWithBias = 64L * 64 + 64;

        assertThat(printed)
                .contains("1. conv1 has stride 1\n   conv2d (Conv2D)                 (None, 224, 224, 64) "
                        + conv1WithBias + "        input_1[0][0]\n")
                .contains(n(224L * 224 * 7 * 7 * 3 * 64) + " multiply-adds instead of "
                        + n(112L * 112 * 7 * 7 * 3 * 64))
                .contains("   conv2d_1 (Conv2D)               (None, 56, 56, 64)   " + conv3x3WithBias
                        + "       max_pooling2d[0][0]\n")
                .contains("   conv2d_3 (Conv2D)               (None, 56, 56, 64)   " + projectionWithBias
                        + "        max_pooling2d[0][0]\n")
                .contains("   add (Add)                       (None, 56, 56, 64)   0           activation_2[0][0]\n"
                        + "                                                                    activation_3[0][0]\n")
                .contains("8 of 8 adds read only activations (or an earlier add), 0 of 8 feed an activation")
                .contains("   activation_3 (Activation)       (None, 56, 56, 64)   0           "
                        + "batch_normalization_3[0][0]\n")
                .contains(n(conv3x3WithBias) + " = 3 x 3 x 64 x 64 + 64 biases; torchvision's has "
                        + n(conv3x3WithBias - 64));
    }

    @Test
    void departures6to9_areReadFromTheLayers_orTheirRows() {
        assertThat(printed).contains("epsilon [0.001] in all 21 BatchNorms")
                .contains("   dropout (Dropout)               (None, 1000)         0           dense[0][0]\n")
                .contains("Dropout(0.5) sits between the 1000 logits and the softmax")
                .contains("   flatten (Flatten)               (None, 512)          0           "
                        + "global_average_pooling2d[0][0]\n")
                .contains("padding [SAME] in all 21 convolutions and the max pool");
    }

    @Test
    void gapToTorchvision_isTheBiasesPlusTheExtraProjection() {
        // One bias per filter: conv1, then per stage 5 convolutions (2 blocks of 2, plus the projection).
        long biases = 64 + 5L * (64 + 128 + 256 + 512);
        long extraProjection = 64L * 64 + 2 * 64;
        long gap = 11_698_600L - 11_689_512L;

        assertThat(biases + extraProjection).isEqualTo(gap);
        assertThat(printed).contains("the blog has " + n(gap) + " more:\n")
                .contains(String.format(Locale.ROOT, "  %,7d convolution biases", biases))
                .contains(String.format(Locale.ROOT, "  %,7d for the extra projection in conv2_x", extraProjection))
                .contains(n(biases) + " + " + n(extraProjection) + " = " + n(gap) + "\n");
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
