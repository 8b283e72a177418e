package org.resnet4j.tutorials.lesson04;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnet4j.models.resnet.ResNetConfig;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.tutorials.lesson04.solutions.Exercise1Solution;
import org.resnet4j.tutorials.lesson04.solutions.Exercise2Solution;
import org.resnet4j.tutorials.lesson04.solutions.Exercise3Solution;

/** The solutions of lesson 4's exercises, against the paper's depths, torchvision's counts and a closed formula. */
class Lesson04ExercisesTest {

    @ParameterizedTest(name = "ResNet-{0}")
    @ValueSource(ints = {18, 34, 50, 101, 152})
    void exercise1_depthFromTheTable_isTheNumberInTheName(int depth) {
        assertThat(Exercise1Solution.depthOf(ResNetConfig.ofDepth(depth))).isEqualTo(depth);
    }

    @ParameterizedTest(name = "ResNet-{0}: {1}")
    @CsvSource({"18, 11689512", "34, 21797672", "50, 25557032", "101, 44549160", "152, 60192808"})
    void exercise2_parametersFromTheTable_areTorchvisionsPublishedCounts(int depth, long torchvision) {
        assertThat(Exercise2Solution.trainableParameters(ResNetConfig.ofDepth(depth))).isEqualTo(torchvision);
    }

    @ParameterizedTest(name = "ResNet-{0} with base width {1}")
    @CsvSource({"50, 16", "101, 16", "152, 8", "34, 16"})
    void exercise3_v15Overhead_isThreeBlocksOfExtra1x1Work(int depth, int w) {
        // Input 224: conv3_x, conv4_x, conv5_x open on 56, 28 and 14 rows with 4w, 8w, 16w channels in and
        // widths 2w, 4w, 8w. v1.5's first 1x1 covers (2h)^2 cells instead of h^2.
        long expected = depth < 50 ? 0
                : (56L * 56 - 28 * 28) * (4L * w) * (2L * w) + (28L * 28 - 14 * 14) * (8L * w) * (4L * w)
                        + (14L * 14 - 7 * 7) * (16L * w) * (8L * w);

        long extra = Exercise3Solution.extraMultiplyAddsOfV15(ResNets.torchvisionConfig(depth).withBaseWidth(w));

        assertThat(extra).isEqualTo(expected);
    }
}
