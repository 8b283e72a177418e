package org.resnet4j.tutorials.lesson06;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.tutorials.lesson06.solutions.Exercise1Solution;
import org.resnet4j.tutorials.lesson06.solutions.Exercise2Solution;
import org.resnet4j.tutorials.lesson06.solutions.Exercise3Solution;

/** Lesson 6's exercise solutions against values worked out by hand. */
class Lesson06ExercisesTest {

    @Test
    void exercise1_stride2_differsExactlyOnEvenSizes_forThe3x3AndThe7x7() {
        // SAME's total padding for k, s = 2 on n: (ceil(n / 2) - 1) * 2 + k - n, which is k - 2 for even n (odd, so
        // split unevenly) and k - 1 for odd n (even, split k / 2 on each side).
        List<Integer> even = new ArrayList<>();
        for (int n = 2; n <= 64; n += 2) {
            even.add(n);
        }
        assertThat(Exercise1Solution.sizesWhereTheyDiffer(3, 2, 64)).isEqualTo(even);
        assertThat(Exercise1Solution.sizesWhereTheyDiffer(7, 2, 64)).isEqualTo(even);
    }

    @Test
    void exercise1_stride1_andThe1x1Projection_neverDiffer() {
        // Stride 1: total k - 1, always even for odd k. A 1x1 kernel needs no padding at any stride.
        assertThat(Exercise1Solution.sizesWhereTheyDiffer(3, 1, 64)).isEmpty();
        assertThat(Exercise1Solution.sizesWhereTheyDiffer(1, 2, 64)).isEmpty();
        assertThat(Exercise1Solution.samePaddingIsSymmetric(224, 7, 2)).isFalse();
        assertThat(Exercise1Solution.samePaddingIsSymmetric(56, 3, 1)).isTrue();
    }

    @Test
    void exercise2_compensatedSum_isWithinOneUlpOfTheExactSum_whereLeftToRightIsNot() {
        for (float[] values : List.of(BackendsLesson.mixedMagnitudes(10_000, 5), randomFloats(50_000, 11))) {
            BigDecimal exact = BigDecimal.ZERO;
            float naive = 0f;
            for (float v : values) {
                exact = exact.add(new BigDecimal(v));
                naive += v;
            }
            float nearest = exact.floatValue();
            float compensated = Exercise2Solution.compensatedSum(values);
            assertThat(Math.abs(compensated - nearest)).isLessThanOrEqualTo(Math.ulp(nearest));
            assertThat(Math.abs(naive - nearest)).isGreaterThan(Math.ulp(nearest));
        }
    }

    @Test
    void exercise2_compensatedSum_ofTheLessonsTinyExample_isExact() {
        assertThat(Exercise2Solution.compensatedSum(new float[] {1e8f, 1f, -1e8f})).isEqualTo(1f);
    }

    @Test
    void exercise3_recoversEachEpsilon_andTellsTorchvisionFromKerasApplications() {
        float[] variance = {1f, 1e-2f, 1e-4f};
        float[] gamma = {1.5f, 0.7f, 1.1f};
        float[] beta = {0.2f, -0.1f, 0.05f};
        float[] mean = {0.3f, -0.2f, 0.01f};
        float[] x = {1.7f, 0.4f, 0.02f};
        for (double epsilon : new double[] {1e-3, 1e-5, 1.001e-5}) {
            float[] y = new float[3];
            for (int c = 0; c < 3; c++) {
                // What a float32 backend returns: the formula, rounded to float.
                y[c] = (float) (gamma[c] * (x[c] - mean[c]) / Math.sqrt(variance[c] + epsilon) + beta[c]);
            }
            double estimate = Exercise3Solution.epsilon(x, y, gamma, beta, mean, variance);
            // 1e-5 and 1.001e-5 are 1e-8 apart: the estimate must be closer than half of that.
            assertThat(estimate).isCloseTo(epsilon, within(5e-9));
        }
    }

    private static float[] randomFloats(int n, long seed) {
        Random rng = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextFloat() * 100f;
        }
        return v;
    }
}
