package org.resnet4j.tutorials.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tutorials.lesson03.solutions.Exercise1Solution;
import org.resnet4j.tutorials.lesson03.solutions.Exercise2Solution;
import org.resnet4j.tutorials.lesson03.solutions.Exercise3Solution;

/** The solutions of lesson 3's exercises, against torchvision's count, the window arithmetic and the paper's names. */
class Lesson03ExercisesTest {
    private static final long TORCHVISION_RESNET18 = 11_689_512L;

    @Test
    void exercise1_tenClasses_changeOnlyTheDenseLayer() {
        long head1000 = 512L * 1000 + 1000;
        long head10 = 512L * 10 + 10;

        assertThat(Exercise1Solution.trainableParameters(10)).isEqualTo(TORCHVISION_RESNET18 - head1000 + head10);
    }

    // 225 is odd on purpose: every stride-2 window rounds down, and the shapes must still agree with the formula.
    @ParameterizedTest(name = "{0}x{0} input")
    @ValueSource(ints = {225})
    void exercise2_otherInputSizes_changeShapesButNotParameters(int size) {
        int conv1 = window(size, 7, 2, 3);
        int pool = window(conv1, 3, 2, 1);
        int conv3 = window(pool, 3, 2, 1);
        int conv4 = window(conv3, 3, 2, 1);
        int conv5 = window(conv4, 3, 2, 1);

        Exercise2Solution.Sized sized = Exercise2Solution.resnet18(size);

        assertThat(sized.stageShapes().values()).containsExactly(Shape.of(conv1, conv1, 64), Shape.of(pool, pool, 64),
                Shape.of(pool, pool, 64), Shape.of(conv3, conv3, 128), Shape.of(conv4, conv4, 256),
                Shape.of(conv5, conv5, 512), Shape.of(512));
        assertThat(sized.trainableParameters()).isEqualTo(TORCHVISION_RESNET18);
    }

    /** Output size of a k x k window with stride s, padded by p on both sides. */
    private static int window(int in, int k, int s, int p) {
        return (in + 2 * p - k) / s + 1;
    }

    @ParameterizedTest(name = "ResNet-{0}")
    @ValueSource(ints = {18, 34, 50, 101, 152})
    void exercise3_weightedLayers_areTheDepthInTheName(int depth) {
        // The count does not depend on width or input size: narrow, small networks build in milliseconds.
        var narrow = ResNets.torchvisionConfig(depth).withBaseWidth(4).withInputSize(32, 32);

        assertThat(Exercise3Solution.weightedLayers(ResNet.build(narrow))).isEqualTo(depth);
    }
}
