package org.resnet4j.tutorials.lesson01;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.models.resnet.BlockSettings;
import org.resnet4j.models.resnet.PaddingStyle;
import org.resnet4j.models.resnet.ResidualBlocks;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tutorials.ConsoleCapture;

/** Lesson 1 prints block a's layers and parameters as the formulas give them, and resnet-models agrees with it. */
class ResidualBlockLessonTest {
    private static final int C = 64;
    // Formulas, not the program's output: a k x k convolution owns k*k*cin*cout weights, a BatchNorm 4 per channel.
    private static final long CONV3X3 = 3L * 3 * C * C;
    private static final long BN = 4L * C;

    private static String printed;

    @BeforeAll
    static void runLesson() throws Exception {
        printed = ConsoleCapture.stdout(() -> ResidualBlockLesson.main(new String[0]));
    }

    @Test
    void table_listsEveryLayerOfBlockA_withShapeAndParameters() {
        String shape = " +\\[56, 56, 64\\] +";
        assertThat(printed).containsPattern("conv2_block1_1_conv +Conv2D 3x3 /1" + shape + n(CONV3X3) + " +x\n")
                .containsPattern("conv2_block1_1_bn +BatchNormalization" + shape + n(BN) + " +conv2_block1_1_conv\n")
                .containsPattern("conv2_block1_1_relu +ReLU" + shape + "0 +conv2_block1_1_bn\n")
                .containsPattern("conv2_block1_2_conv +Conv2D 3x3 /1" + shape + n(CONV3X3) + " +conv2_block1_1_relu\n")
                .containsPattern("conv2_block1_2_bn +BatchNormalization" + shape + n(BN) + " +conv2_block1_2_conv\n")
                .containsPattern("conv2_block1_add +Add" + shape + "0 +x \\+ conv2_block1_2_bn\n")
                .containsPattern("conv2_block1_out +ReLU" + shape + "0 +conv2_block1_add\n");
    }

    @Test
    void parameterLines_matchTheFormulas() {
        long total = 2 * CONV3X3 + 2 * BN;
        long trainable = 2 * CONV3X3 + 2 * 2L * C;
        assertThat(printed).contains("3 x 3 x 64 x 64 = " + n(CONV3X3) + " weights")
                .contains("4 x 64 = " + n(BN) + "\n")
                .contains("the shortcut, the add and the ReLUs: 0\n")
                .contains("block a: 2 x 36,864 + 2 x 256 = " + n(total) + " parameters, " + n(trainable)
                        + " trainable, " + n(total - trainable) + " non-trainable");
        assertThat(total).isEqualTo(74_240L);
        assertThat(printed).contains("Total params: " + n(total) + "\n").contains("Trainable params: " + n(trainable));
    }

    @Test
    void libraryBlock_isTheHandBuiltBlock() {
        assertThat(printed).contains("differences (names, kinds, settings, shapes, parameters, wiring): none\n");
    }

    @Test
    void comparison_reportsADifferentEpsilonOrPadding() {
        Node x = Input.named("x", 56, 56, 64);
        Model byHand = Model.of("a", x, ResidualBlockLesson.blockA(x, "conv2_block1"));
        Node y = Input.named("x", 56, 56, 64);
        Model kerasEpsilon = Model.of("b", y, ResidualBlocks.a(BlockSettings.torchvision().withBnEpsilon(1e-3), y,
                "conv2_block1"));
        Node z = Input.named("x", 56, 56, 64);
        Model samePadding = Model.of("c", z, ResidualBlocks.a(
                BlockSettings.torchvision().withPadding(PaddingStyle.KERAS_SAME), z, "conv2_block1"));

        assertThat(GraphComparison.differences(byHand, kerasEpsilon)).hasSize(2)
                .allMatch(d -> d.startsWith("layer conv2_block1_") && d.contains("epsilon 0.001"));
        assertThat(GraphComparison.differences(byHand, samePadding)).hasSize(2)
                .allMatch(d -> d.contains("_conv") && d.contains("padding SAME"));
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
