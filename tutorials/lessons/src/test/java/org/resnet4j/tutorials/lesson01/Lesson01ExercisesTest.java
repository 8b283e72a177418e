package org.resnet4j.tutorials.lesson01;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tutorials.lesson01.solutions.Exercise1Solution;
import org.resnet4j.tutorials.lesson01.solutions.Exercise2Solution;
import org.resnet4j.tutorials.lesson01.solutions.Exercise3Solution;

/** The solutions of lesson 1's exercises, checked against formulas and a plain-loop ReLU. */
class Lesson01ExercisesTest {

    @ParameterizedTest(name = "block a on {0} channels")
    @ValueSource(ints = {64, 128, 256, 512})
    void exercise1_blockAParameters_followTheFormula(int c) {
        Exercise1Solution.BlockParameters p = Exercise1Solution.blockA(c);

        // Two 3x3 convolutions (9 c^2 weights each) and two BatchNorms (2 trainable + 2 moving values per channel).
        assertThat(p.total()).isEqualTo(2 * 9L * c * c + 2 * 4L * c);
        assertThat(p.trainable()).isEqualTo(2 * 9L * c * c + 2 * 2L * c);
    }

    @Test
    void exercise2_strideTwoDraft_isRefusedByItsAdd() {
        // A 3x3 window padded by 1 with stride 2: out = floor((in + 2 - 3) / 2) + 1, applied twice to 56.
        int once = (56 + 2 - 3) / 2 + 1;
        int twice = (once + 2 - 3) / 2 + 1;

        String message = Exercise2Solution.strideTwoBlockError();

        assertThat(twice).isEqualTo(14);
        assertThat(message).startsWith("draft_add expects inputs of equal shapes")
                .contains("[56, 56, 64]").contains("[" + twice + ", " + twice + ", 64]");
    }

    @Test
    void exercise3_zeroLastGamma_makesTheBlockComputeReluOfItsInput() {
        HostTensor mixedSigns = gaussian(Shape.of(2, 5, 5, 8), 7, false);
        HostTensor nonNegative = gaussian(Shape.of(2, 5, 5, 8), 8, true);

        HostTensor zeroed = Exercise3Solution.runBlockA(mixedSigns, true);
        HostTensor identity = Exercise3Solution.runBlockA(nonNegative, true);
        HostTensor trained = Exercise3Solution.runBlockA(mixedSigns, false);

        assertThat(zeroed.data()).containsExactly(relu(mixedSigns.data()));
        assertThat(identity.data()).containsExactly(nonNegative.data());
        assertThat(maxAbsDifference(trained.data(), relu(mixedSigns.data())))
                .as("with gamma left at 1 the residual branch changes the output").isGreaterThan(0.1);
    }

    private static HostTensor gaussian(Shape shape, long seed, boolean nonNegative) {
        Random rng = new Random(seed);
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            float v = (float) rng.nextGaussian();
            data[i] = nonNegative ? Math.abs(v) : v;
        }
        return HostTensor.of(shape, data);
    }

    private static float[] relu(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(x[i], 0f);
        }
        return y;
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
