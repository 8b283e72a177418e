package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.ops.TrainingNotSupportedException;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The float32 oracle of the backward primitives: it agrees with the float64 loops it wraps, writes in-place results
 * back, and gives the values derived by hand for batch statistics, losses and optimizer steps.
 */
class ReferenceGradientsTest {
    private final ReferenceGradients gradients = new ReferenceGradients();
    private final Float64Ops wide = new Float64Ops();

    private static HostTensor host(Shape shape, float... values) {
        return HostTensor.of(shape, values);
    }

    private static void assertAgrees(String what, Tensor narrow, Tensor wideResult) {
        HostTensor expected = ((Float64Tensor) wideResult).toHost();
        assertThat(TensorComparison.relativeL2Error((HostTensor) narrow, expected)).as(what).isLessThan(1e-6);
    }

    @Test
    void conv2dBackward_float32_agreesWithFloat64Loops() {
        HostTensor x = HostTensor.gaussian(Shape.of(2, 6, 5, 3), 1);
        HostTensor k = HostTensor.gaussian(Shape.of(3, 3, 3, 4), 2);
        Conv2dOptions options = Conv2dOptions.of(2, Padding.SAME);
        HostTensor dy = HostTensor.gaussian(Shape.of(2, 3, 3, 4), 3);
        Conv2dGradients narrow = gradients.conv2dBackward(dy, x, k, options, true);
        Conv2dGradients expected = wide.conv2dBackward(Float64Tensor.from(dy), Float64Tensor.from(x),
                Float64Tensor.from(k), options, true);
        assertAgrees("input", narrow.input(), expected.input());
        assertAgrees("kernel", narrow.kernel(), expected.kernel());
        assertAgrees("bias", gradients.biasBackward(dy), wide.biasBackward(Float64Tensor.from(dy)));
    }

    @Test
    void denseBatchNormPoolingAndLoss_float32_agreeWithFloat64Loops() {
        HostTensor x = HostTensor.gaussian(Shape.of(3, 4), 4);
        HostTensor k = HostTensor.gaussian(Shape.of(4, 5), 5);
        HostTensor dy = HostTensor.gaussian(Shape.of(3, 5), 6);
        assertAgrees("dense input", gradients.denseBackward(dy, x, k).input(),
                wide.denseBackward(Float64Tensor.from(dy), Float64Tensor.from(x), Float64Tensor.from(k)).input());
        assertAgrees("dense kernel", gradients.denseBackward(dy, x, k).kernel(),
                wide.denseBackward(Float64Tensor.from(dy), Float64Tensor.from(x), Float64Tensor.from(k)).kernel());

        HostTensor image = HostTensor.gaussian(Shape.of(2, 5, 5, 3), 7);
        HostTensor gamma = HostTensor.gaussian(Shape.of(3), 8);
        HostTensor mean = HostTensor.gaussian(Shape.of(3), 9);
        HostTensor variance = HostTensor.filled(Shape.of(3), 0.7f);
        assertAgrees("batchNorm input", gradients.batchNormBackward(image, image, gamma, mean, variance, 1e-3f).input(),
                wide.batchNormBackward(Float64Tensor.from(image), Float64Tensor.from(image), Float64Tensor.from(gamma),
                        Float64Tensor.from(mean), Float64Tensor.from(variance), 1e-3f).input());

        PoolOptions pool = PoolOptions.of(3, 2, Padding.symmetric(1));
        HostTensor pooledGradient = HostTensor.gaussian(Shape.of(2, 3, 3, 3), 10);
        assertAgrees("maxPool", gradients.maxPoolBackward(pooledGradient, image, pool),
                wide.maxPoolBackward(Float64Tensor.from(pooledGradient), Float64Tensor.from(image), pool));
        assertAgrees("avgPool", gradients.avgPoolBackward(pooledGradient, image.shape(), pool),
                wide.avgPoolBackward(Float64Tensor.from(pooledGradient), image.shape(), pool));

        HostTensor targets = host(Shape.of(3, 5), 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0);
        assertAgrees("softmaxCrossEntropy", gradients.softmaxCrossEntropy(dy, targets).gradient(),
                wide.softmaxCrossEntropy(Float64Tensor.from(dy), Float64Tensor.from(targets)).gradient());
    }

    @Test
    void batchNormTraining_usesBiasedBatchVariance_andUpdatesMovingStatisticsInPlaceWithMomentum() {
        // One channel holding 1, 2, 3, 4: mean 2.5, biased variance 1.25 (the unbiased one would be 5/3).
        HostTensor x = host(Shape.of(4, 1), 1, 2, 3, 4);
        HostTensor movingMean = host(Shape.of(1), 0f);
        HostTensor movingVariance = host(Shape.of(1), 1f);
        BatchNormTraining r = gradients.batchNormTraining(x, host(Shape.of(1), 2f), host(Shape.of(1), 0.5f),
                movingMean, movingVariance, 1e-3f, 0.99f);
        assertThat(((HostTensor) r.mean()).data()[0]).isEqualTo(2.5f);
        assertThat(((HostTensor) r.variance()).data()[0]).isEqualTo(1.25f);
        double scale = 2 / Math.sqrt(1.25 + 1e-3);
        assertThat(((HostTensor) r.output()).data())
                .containsExactly(new float[] {(float) (-1.5 * scale + 0.5), (float) (-0.5 * scale + 0.5),
                    (float) (0.5 * scale + 0.5), (float) (1.5 * scale + 0.5)}, within(1e-6f));
        assertThat(movingMean.data()[0]).isCloseTo(0.99f * 0 + 0.01f * 2.5f, within(1e-7f));
        assertThat(movingVariance.data()[0]).isCloseTo(0.99f * 1 + 0.01f * 1.25f, within(1e-7f));
    }

    @Test
    void softmaxCrossEntropy_equalLogits_lossIsLogOfClassCount_gradientIsSoftmaxMinusTargetOverBatch() {
        HostTensor logits = HostTensor.zeros(Shape.of(2, 4));
        HostTensor targets = host(Shape.of(2, 4), 0, 0, 1, 0, 1, 0, 0, 0);
        LossAndGradient r = gradients.softmaxCrossEntropy(logits, targets);
        assertThat(r.loss().shape()).isEqualTo(Shape.of());
        assertThat(((HostTensor) r.loss()).data()[0]).isCloseTo((float) Math.log(4), within(1e-6f));
        assertThat(((HostTensor) r.gradient()).data()).containsExactly(
                new float[] {0.125f, 0.125f, -0.375f, 0.125f, -0.375f, 0.125f, 0.125f, 0.125f}, within(1e-7f));
    }

    @Test
    void categoricalCrossEntropy_confidentWrongPrediction_isClippedAtKerasEpsilon() {
        // Keras: categorical_crossentropy([[0, 1]], [[1, 0]]) = -log(1e-7) = 16.118095.
        LossAndGradient r = gradients.categoricalCrossEntropy(host(Shape.of(1, 2), 1, 0), host(Shape.of(1, 2), 0, 1),
                1e-7f);
        assertThat(((HostTensor) r.loss()).data()[0]).isCloseTo(16.118095f, within(1e-4f));
        assertThat(((HostTensor) r.gradient()).data()).containsExactly(0f, 0f);
    }

    @Test
    void applySgd_momentumAndNesterov_followKerasFormOverTwoSteps() {
        // By hand: lr 0.1, momentum 0.9, gradients 0.5 then 0.25 from w = 1.
        // Momentum: v = -0.05, w = 0.95; v = 0.9 * -0.05 - 0.025 = -0.07, w = 0.88.
        // Nesterov: w = 1 + 0.9 * -0.05 - 0.05 = 0.905; w = 0.905 + 0.9 * -0.07 - 0.025 = 0.817.
        for (boolean nesterov : new boolean[] {false, true}) {
            HostTensor w = host(Shape.of(1), 1f);
            HostTensor v = host(Shape.of(1), 0f);
            SgdUpdate update = new SgdUpdate(0.1f, 0.9f, nesterov, 0f);
            gradients.applySgd(w, host(Shape.of(1), 0.5f), v, update);
            gradients.applySgd(w, host(Shape.of(1), 0.25f), v, update);
            assertThat(w.data()[0]).as("nesterov=" + nesterov).isCloseTo(nesterov ? 0.817f : 0.88f, within(1e-6f));
            assertThat(v.data()[0]).isCloseTo(-0.07f, within(1e-7f));
        }
    }

    @Test
    void applySgd_weightDecay_shrinksByLearningRateTimesDecayBeforeTheStep() {
        HostTensor w = host(Shape.of(2), 1f, -2f);
        gradients.applySgd(w, host(Shape.of(2), 0f, 1f), null, new SgdUpdate(0.1f, 0f, false, 0.5f));
        // 1 - 0.1 * 0.5 * 1 = 0.95; -2 - 0.1 * 0.5 * -2 - 0.1 * 1 = -2.0
        assertThat(w.data()).containsExactly(new float[] {0.95f, -2.0f}, within(1e-6f));
    }

    @Test
    void applyAdam_threeSteps_matchPyTorchsFormWithTheEquivalentEpsilon() {
        // Written independently in PyTorch's form: w -= lr * mHat / (sqrt(vHat) + epsHat), with
        // mHat = m / (1 - b1^t), vHat = v / (1 - b2^t) and epsHat = eps / sqrt(1 - b2^t) (the same step as Keras').
        float lr = 0.01f;
        float b1 = 0.9f;
        float b2 = 0.999f;
        float eps = 1e-3f;
        float[] grads = {0.3f, -0.02f, 0.001f};
        HostTensor w = host(Shape.of(1), 0.5f);
        HostTensor m = host(Shape.of(1), 0f);
        HostTensor v = host(Shape.of(1), 0f);
        double ew = 0.5;
        double em = 0;
        double ev = 0;
        for (int t = 1; t <= 3; t++) {
            double g = grads[t - 1];
            gradients.applyAdam(w, host(Shape.of(1), grads[t - 1]), m, v, new AdamUpdate(lr, b1, b2, eps, t, 0f));
            em = b1 * em + (1 - (double) b1) * g;
            ev = b2 * ev + (1 - (double) b2) * g * g;
            double mHat = em / (1 - Math.pow(b1, t));
            double vHat = ev / (1 - Math.pow(b2, t));
            ew -= lr * mHat / (Math.sqrt(vHat) + eps / Math.sqrt(1 - Math.pow(b2, t)));
        }
        assertThat(w.data()[0]).isCloseTo((float) ew, within(1e-7f));
        assertThat(m.data()[0]).isCloseTo((float) em, within(1e-8f));
        assertThat(v.data()[0]).isCloseTo((float) ev, within(1e-9f));
    }

    @Test
    void applyAdam_weightDecay_isDecoupledLikeAdamW() {
        HostTensor w = host(Shape.of(1), 2f);
        gradients.applyAdam(w, host(Shape.of(1), 0f), host(Shape.of(1), 0f), host(Shape.of(1), 0f),
                new AdamUpdate(0.1f, 0.9f, 0.999f, 1e-7f, 1, 0.01f));
        // Zero gradient: only the decay moves w, by lr * decay * w = 0.1 * 0.01 * 2 = 0.002.
        assertThat(w.data()[0]).isCloseTo(1.998f, within(1e-6f));
    }

    @Test
    void wrongTensorType_namesTheOracleAndTheArgument() {
        assertThatThrownBy(() -> gradients.reluBackward(Float64Tensor.zeros(Shape.of(1)), HostTensor.zeros(Shape.of(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reluBackward on ReferenceGradients expects a HostTensor for outputGradient. Received: "
                        + Float64Tensor.class.getName());
    }

    @Test
    void require_opsWithoutBackwardPrimitives_saysTrainingNotSupported() {
        assertThatThrownBy(() -> GradientOps.require(new ReferenceOps()))
                .isInstanceOf(TrainingNotSupportedException.class)
                .hasMessage("Training not supported by ReferenceOps: its ops do not implement "
                        + "org.resnet4j.ops.GradientOps (the backward primitives). Choose a backend that can train, or"
                        + " run the model for inference only.");
        assertThat(GradientOps.require(new Float64Ops())).isInstanceOf(Float64Ops.class);
    }
}
