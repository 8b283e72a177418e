package org.resnet4j.tutorials.lesson07;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.resnet4j.models.imagenet.Prediction;
import org.resnet4j.tutorials.lesson07.solutions.Exercise1Solution;
import org.resnet4j.tutorials.lesson07.solutions.Exercise2Solution;
import org.resnet4j.tutorials.lesson07.solutions.Exercise3Solution;

/** Lesson 7's exercise solutions against docs/weights.md's name table, Table 1's block counts and hand softmaxes. */
class Lesson07ExercisesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"conv1, conv1_conv", "bn_conv1, conv1_bn", "res2a_branch2a, conv2_block1_1_conv",
        "bn2a_branch2a, conv2_block1_1_bn", "res2a_branch2b, conv2_block1_2_conv", "res2a_branch2c, conv2_block1_3_conv",
        "res2a_branch1, conv2_block1_0_conv", "bn2a_branch1, conv2_block1_0_bn", "res3d_branch2c, conv3_block4_3_conv",
        "res4b22_branch2c, conv4_block23_3_conv", "res5c_branch2a, conv5_block3_1_conv", "fc1000, predictions"})
    void exercise1_translatesTheTableOfDocsWeights(String caffe, String keras) {
        assertThat(Exercise1Solution.kerasName(caffe)).isEqualTo(keras);
    }

    @Test
    void exercise1_refusesANameThatIsNoResNetLayer() {
        assertThatThrownBy(() -> Exercise1Solution.kerasName("dense_7")).hasMessageContaining("Received: dense_7");
    }

    @ParameterizedTest(name = "ResNet-{0}")
    @CsvSource({"18, false, 2, 2, 2, 2", "34, false, 3, 4, 6, 3", "50, true, 3, 4, 6, 3", "101, true, 3, 4, 23, 3",
        "152, true, 3, 8, 36, 3"})
    void exercise2_countsTheStateDict_fromPaperTable1(int depth, boolean bottleneck, int s2, int s3, int s4, int s5) {
        int blocks = s2 + s3 + s4 + s5;
        // Each block has 2 (basic) or 3 (bottleneck) convolutions, each followed by a BatchNorm; every stage but a
        // basic network's first opens with a projection (conv + BN); plus the stem conv + BN and fc.
        int projections = bottleneck ? 4 : 3;
        int convs = 1 + blocks * (bottleneck ? 3 : 2) + projections;
        int expected = convs + 5 * convs + 2;
        assertThat(Exercise2Solution.stateDictEntries(depth)).isEqualTo(expected);
    }

    @Test
    void exercise2_resnet18And50_matchTheKnownSizes() {
        // len(torchvision.models.resnet18().state_dict()) and resnet50's.
        assertThat(Exercise2Solution.stateDictEntries(18)).isEqualTo(122);
        assertThat(Exercise2Solution.stateDictEntries(50)).isEqualTo(320);
    }

    @Test
    void exercise3_softmaxOfLogits_givesHandComputedProbabilities_andBreaksTiesByHigherIndex() {
        float[] logits = new float[1000];
        logits[5] = (float) Math.log(3);
        logits[7] = (float) Math.log(2);
        // exp: 3 for class 5, 2 for class 7, 1 for the other 998: the sum is 1003.
        List<Prediction> top = Exercise3Solution.topFromLogits(logits, 3);
        assertThat(top).extracting(Prediction::index).containsExactly(5, 7, 999);
        assertThat(top.get(0).probability()).isCloseTo(3f / 1003, within(1e-6f));
        assertThat(top.get(1).probability()).isCloseTo(2f / 1003, within(1e-6f));
        assertThat(top.get(2).probability()).isCloseTo(1f / 1003, within(1e-6f));
    }

    @Test
    void exercise3_largeLogits_doNotOverflow() {
        float[] logits = new float[1000];
        logits[42] = 1000f;
        logits[43] = 999f;
        List<Prediction> top = Exercise3Solution.topFromLogits(logits, 2);
        // exp(1000) overflows a double; shifted by the maximum the two are 1 and 1/e, the rest e^-1000 = 0.
        assertThat(top.get(0).index()).isEqualTo(42);
        assertThat(top.get(0).probability()).isCloseTo((float) (1 / (1 + Math.exp(-1))), within(1e-6f));
        assertThat(top.get(1).probability()).isCloseTo((float) (Math.exp(-1) / (1 + Math.exp(-1))), within(1e-6f));
    }
}
