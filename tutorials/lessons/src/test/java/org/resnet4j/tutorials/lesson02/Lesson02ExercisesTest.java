package org.resnet4j.tutorials.lesson02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tutorials.lesson02.solutions.Exercise1Solution;
import org.resnet4j.tutorials.lesson02.solutions.Exercise2Solution;
import org.resnet4j.tutorials.lesson02.solutions.Exercise3Solution;

/** The solutions of lesson 2's exercises, checked against closed formulas. */
class Lesson02ExercisesTest {

    // Widths above 128 work the same but fill tens of millions of weights (block a on 2048 channels: 75 million).
    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {16, 64, 128})
    void exercise1_bottleneckAdvantage_isTheSameAtEveryWidth(int w) {
        Exercise1Solution.Comparison c = Exercise1Solution.compare(w);

        // 1x1 (4w -> w) + 3x3 (w -> w) + 1x1 (w -> 4w) = 4w² + 9w² + 4w²; two 3x3 on 4w channels = 2 * 9 * 16 w².
        assertThat(c.bottleneckWeights()).isEqualTo(17L * w * w);
        assertThat(c.twoConvolutionWeights()).isEqualTo(288L * w * w);
        assertThat(c.ratio()).isCloseTo(288.0 / 17, within(1e-12));
    }

    @ParameterizedTest(name = "{0} -> {1} channels")
    @CsvSource({"64, 128", "128, 256", "256, 512", "16, 32"})
    void exercise2_projectionCosts_aKernelAndABatchNorm(int cin, int cout) {
        Exercise2Solution.ShortcutCost cost = Exercise2Solution.blockB(cin, cout);

        assertThat(cost.projectionCost()).isEqualTo((long) cin * cout + 4L * cout);
        assertThat(cost.zeroPadParameters()).isEqualTo(9L * cin * cout + 9L * cout * cout + 2 * 4L * cout);
    }

    @Test
    void exercise3_conv2xOfResNet50_opensWithAStrideOneBlockD() {
        Exercise3Solution.StageStart start = Exercise3Solution.conv2Start();

        assertThat(start.blockCError()).startsWith("conv2_block1 expects an input of 256 channels")
                .contains("[56, 56, 64]");
        assertThat(start.blockDOutput()).isEqualTo(Shape.of(56, 56, 256));
        assertThat(start.projectionParameters()).isEqualTo(64L * 256 + 4L * 256);
    }
}
