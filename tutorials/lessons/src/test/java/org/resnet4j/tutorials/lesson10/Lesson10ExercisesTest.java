package org.resnet4j.tutorials.lesson10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.resnet4j.Backends;
import org.resnet4j.data.Dataset;
import org.resnet4j.models.resnet.MnistResNet;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tutorials.lesson10.solutions.Exercise1Solution;
import org.resnet4j.tutorials.lesson10.solutions.Exercise2Solution;
import org.resnet4j.tutorials.lesson10.solutions.Exercise3Solution;

/** Lesson 10's exercise solutions against hand-made data sets, hand-counted parameters and the momentum rule. */
class Lesson10ExercisesTest {

    @Test
    void exercise1_aSortedDataSet_validatesOnTheLastClassOnly() {
        int[] sorted = new int[20];
        int[] interleaved = new int[20];
        for (int i = 0; i < 20; i++) {
            sorted[i] = i / 5;
            interleaved[i] = i % 4;
        }
        // floor(20 * 0.9) = 18 train, the last 2 validate: samples 18 and 19.
        assertThat(Exercise1Solution.validationClassCounts(toy(sorted), 0.1)).containsExactly(0, 0, 0, 2);
        assertThat(Exercise1Solution.validationClassCounts(toy(interleaved), 0.1)).containsExactly(0, 0, 1, 1);
    }

    private static Dataset toy(int[] labels) {
        return Dataset.of("toy", Shape.of(1, 1, 1), new float[labels.length], labels, 4);
    }

    @Test
    void exercise2_thePapersLayout_hasAShortcutAroundEveryBlock_andTheHandCountedParameters() {
        Model seed = MnistResNet.resnet18();
        Model repaired = Exercise2Solution.withProjectionShortcuts(28, 28, 1, 10);
        // Per stage 2-4 (cin -> cout): the seed has a conv_block and two identity blocks (five 3x3 convs and BNs);
        // the paper's layout has a block b (two 3x3 convs and BNs, a projection and its BN) and one identity block
        // (two 3x3 convs and BNs). Difference: + a 1x1 cin -> cout conv with bias and its BN, - a 3x3 cout -> cout
        // conv with bias and its BN. A BN holds 4 * cout values (gamma, beta, moving mean and variance).
        long difference = 0;
        int[][] stages = {{64, 128}, {128, 256}, {256, 512}};
        for (int[] s : stages) {
            long projection = (long) s[0] * s[1] + s[1] + 4L * s[1];
            long conv3x3AndBn = 9L * s[1] * s[1] + s[1] + 4L * s[1];
            difference += projection - conv3x3AndBn;
        }
        assertThat(repaired.parameterCount() - seed.parameterCount()).isEqualTo(difference);
        assertThat(count(repaired, Add.class)).isEqualTo(2 + 3 * 2);
        // 17 convolutions in the stem and the blocks, 3 projections.
        assertThat(count(repaired, Conv2D.class)).isEqualTo(20);
        assertThat(repaired.outputs().get(0).shape()).isEqualTo(Shape.of(10));
    }

    private static int count(Model model, Class<? extends Layer> type) {
        return (int) model.layers().stream().filter(type::isInstance).count();
    }

    @ParameterizedTest(name = "momentum {0}, {1} steps")
    @CsvSource({"0.99, 10", "0.9, 10", "0.99, 3"})
    void exercise3_theMovingMeanFollowsByOneMinusMomentumPerStep(double momentum, int steps) {
        // Keras' rule, stepped by hand from the initial moving mean 0 on images that are 5 everywhere.
        double expected = 0;
        for (int i = 0; i < steps; i++) {
            expected = momentum * expected + (1 - momentum) * 5;
        }
        try (Backend backend = Backends.get()) {
            assertThat(Exercise3Solution.movingMeanAfter(backend, momentum, steps, 5f)).isCloseTo(expected,
                    within(1e-4));
        }
    }

    @Test
    void exercise3_stepsToNinetyPercent_matchStepping() {
        for (double momentum : new double[] {0.99, 0.9}) {
            int steps = 0;
            double covered = 0;
            while (covered < 0.9) {
                covered = momentum * covered + (1 - momentum);
                steps++;
            }
            assertThat(Exercise3Solution.stepsToReach(momentum, 0.9)).as("momentum %s", momentum).isEqualTo(steps);
        }
        assertThat(Exercise3Solution.stepsToReach(0.99, 0.9)).isEqualTo(230);
    }
}
