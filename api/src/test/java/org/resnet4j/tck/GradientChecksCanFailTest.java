package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.tensor.Tensor;

/** A check that cannot fail proves nothing: every finite-difference check must reject a slightly wrong gradient. */
class GradientChecksCanFailTest {

    @TestFactory
    Stream<DynamicTest> everyCheck_rejectsAGradientOffBy1e3OfItsSize() {
        PerturbedGradients wrong = new PerturbedGradients();
        return GradientChecks.all().stream()
                .map(check -> DynamicTest.dynamicTest(check.name() + "_rejectsPerturbedGradient",
                        () -> assertThatThrownBy(() -> check.run().accept(wrong))
                                .isInstanceOf(AssertionError.class)
                                .hasMessageContaining("differs from central differences")));
    }

    /** The classic mistake: treating the batch mean and variance as constants in the backward pass. */
    @Test
    void batchNormCheck_rejectsBackwardThatIgnoresTheBatchStatistics() {
        PerturbedGradients naive = new PerturbedGradients() {
            @Override
            public BatchNormGradients batchNormBackward(Tensor outputGradient, Tensor input, Tensor gamma,
                    Tensor batchMean, Tensor batchVariance, float epsilon) {
                BatchNormGradients right = new Float64Ops().batchNormBackward(outputGradient, input, gamma, batchMean,
                        batchVariance, epsilon);
                double[] dy = ((Float64Tensor) outputGradient).values();
                double[] g = ((Float64Tensor) gamma).values();
                double[] v = ((Float64Tensor) batchVariance).values();
                Float64Tensor dx = Float64Tensor.zeros(input.shape());
                for (int i = 0; i < dy.length; i++) {
                    int ch = i % g.length;
                    dx.values()[i] = g[ch] * dy[i] / Math.sqrt(v[ch] + epsilon);
                }
                return new BatchNormGradients(dx, right.gamma(), right.beta());
            }
        };
        GradientChecks.Check check = GradientChecks.all().stream()
                .filter(c -> c.name().equals("batchNormBackward_image_inputGammaBeta")).findFirst().orElseThrow();
        assertThatThrownBy(() -> check.run().accept(naive))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("batchNormBackward image input: analytic gradient differs");
    }
}
