package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.resnet4j.tck.GradientRunner.assertMatchesReference;
import static org.resnet4j.tck.OpRunner.gaussian;
import static org.resnet4j.tck.OpRunner.uniform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.DenseGradients;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.Sgd;

/**
 * The backward primitives ({@link GradientOps}) of a backend that trains, against the oracle
 * ({@link ReferenceGradients}, through {@link ReferenceTrainingOps}) on seeded random inputs, compared by relative L2
 * error as {@link TensorComparison} does: convolution backward for every padding (VALID, SAME with its extra row at
 * the bottom and right, explicit symmetric and asymmetric, wider than the kernel), strides 1, 2 and 3 (also unequal),
 * 1x1, 2x2, 3x3, 5x5, 7x7 and 3x2 kernels, with and
 * without the input gradient; bias, dense, batch norm in training (output, batch statistics, moving statistics
 * updated in place) and its backward, ReLU, max pool (no ties), average pool, global average pool, zero padding,
 * softmax, multiply, both cross-entropies, SGD (plain, momentum, Nesterov, weight decay) and Adam steps in place;
 * the shape rules' messages; and a small residual network trained for two steps on the tape, every gradient and
 * parameter against the same training on the oracle.
 *
 * <p>Not part of {@link BackendContract}, since not every backend trains: a backend that does adds a second test
 * class, {@code class XGradientContractTest implements GradientContract}, stating only its provider.
 */
public interface GradientContract extends BackendUnderTest {

    /** Relative L2 error allowed per tensor after two training steps on the tape (the float32 bar). */
    double TRAINING_TOLERANCE = 1e-4;

    // ---- convolution -------------------------------------------------------------------------------------------

    @Test
    default void conv2dBackward_3x3_stride1_valid_matchesReference() {
        checkConv(101, 2, 7, 6, 3, 3, 3, 4, 1, Padding.VALID);
    }

    @Test
    default void conv2dBackward_3x3_stride1_same_matchesReference() {
        checkConv(102, 2, 6, 5, 3, 3, 3, 5, 1, Padding.SAME);
    }

    @Test
    default void conv2dBackward_stride2_same_oddAndEvenSizes_extraPaddingBottomRight() {
        checkConv(103, 1, 7, 7, 3, 3, 3, 4, 2, Padding.SAME);
        checkConv(104, 2, 8, 8, 3, 3, 3, 4, 2, Padding.SAME);
        checkConv(105, 1, 8, 6, 2, 2, 3, 4, 2, Padding.SAME);
    }

    @Test
    default void conv2dBackward_stride2_valid_oddAndEvenSizes_matchesReference() {
        checkConv(106, 1, 7, 7, 3, 3, 3, 4, 2, Padding.VALID);
        checkConv(107, 1, 8, 8, 3, 3, 3, 4, 2, Padding.VALID);
    }

    @Test
    default void conv2dBackward_explicitSymmetricPadding_stride1And2_matchesReference() {
        checkConv(108, 1, 7, 7, 3, 3, 3, 4, 1, Padding.symmetric(1));
        checkConv(109, 2, 8, 8, 3, 3, 3, 4, 2, Padding.symmetric(1));
    }

    @Test
    default void conv2dBackward_explicitAsymmetricPadding_stride1And2_matchesReference() {
        checkConv(110, 1, 6, 7, 3, 3, 2, 3, 1, Padding.explicit(0, 2, 1, 0));
        checkConv(111, 1, 7, 6, 3, 3, 2, 3, 2, Padding.explicit(2, 0, 0, 1));
    }

    @Test
    default void conv2dBackward_1x1_stride1And2_matchesReference() {
        checkConv(112, 2, 6, 6, 1, 1, 8, 5, 1, Padding.VALID);
        checkConv(113, 2, 7, 6, 1, 1, 8, 5, 2, Padding.VALID);
    }

    @Test
    default void conv2dBackward_7x7_stride2_symmetric3AndSame_matchesReference() {
        checkConv(114, 1, 15, 15, 7, 7, 3, 8, 2, Padding.symmetric(3));
        checkConv(115, 1, 16, 16, 7, 7, 3, 8, 2, Padding.SAME);
    }

    @Test
    default void conv2dBackward_stride3_unequalStrides_andPaddingWiderThanTheKernel_matchesReference() {
        checkConv(116, 1, 11, 10, 5, 5, 3, 4, new Conv2dOptions(3, 3, Padding.SAME));
        checkConv(117, 2, 9, 8, 3, 2, 3, 4, new Conv2dOptions(2, 1, Padding.explicit(1, 2, 0, 1)));
        checkConv(118, 1, 6, 6, 3, 3, 2, 3, new Conv2dOptions(2, 2, Padding.explicit(4, 2, 3, 4)));
        checkConv(119, 1, 6, 7, 1, 1, 3, 4, new Conv2dOptions(1, 1, Padding.explicit(1, 1, 2, 0)));
        checkConv(120, 1, 7, 8, 1, 1, 3, 4, new Conv2dOptions(3, 2, Padding.explicit(1, 0, 0, 2)));
    }

    @Test
    default void conv2dBackward_withoutInputGradient_returnsNoInputGradient_andTheSameKernelGradient() {
        Random random = new Random(116);
        HostTensor x = gaussian(random, 1.0, 2, 8, 8, 3);
        HostTensor k = gaussian(random, 0.3, 3, 3, 3, 4);
        Conv2dOptions options = Conv2dOptions.of(2, Padding.SAME);
        HostTensor dy = gaussian(random, 1.0, convOutput(x, k, options).toArray());
        assertMatchesReference(backend().ops(), "conv2dBackward without input gradient", List.of("input gradient",
                "kernel gradient"), List.of("outputGradient", "input", "kernel"), (g, in) -> {
                    Conv2dGradients r = g.conv2dBackward(in[0], in[1], in[2], options, false);
                    return java.util.Arrays.asList(r.input(), r.kernel());
                }, dy, x, k);
    }

    // ---- bias, dense ------------------------------------------------------------------------------------------

    @Test
    default void biasBackward_imageAndMatrix_sumsEveryAxisButTheLast() {
        Random random = new Random(120);
        for (HostTensor dy : List.of(gaussian(random, 1.0, 2, 5, 4, 7), gaussian(random, 1.0, 6, 9))) {
            assertMatchesReference(backend().ops(), "biasBackward " + dy.shape(), List.of("bias gradient"),
                    List.of("outputGradient"), (g, in) -> List.of(g.biasBackward(in[0])), dy);
        }
    }

    @Test
    default void denseBackward_inputAndKernelGradients_matchReference() {
        Random random = new Random(121);
        HostTensor x = gaussian(random, 1.0, 5, 7);
        HostTensor k = gaussian(random, 0.5, 7, 3);
        HostTensor dy = gaussian(random, 1.0, 5, 3);
        assertMatchesReference(backend().ops(), "denseBackward", List.of("input gradient", "kernel gradient"),
                List.of("outputGradient", "input", "kernel"), (g, in) -> {
                    DenseGradients r = g.denseBackward(in[0], in[1], in[2]);
                    return List.of(r.input(), r.kernel());
                }, dy, x, k);
    }

    // ---- batch normalisation ----------------------------------------------------------------------------------

    @Test
    default void batchNormTraining_image_outputBatchStatistics_andMovingStatisticsUpdatedInPlace() {
        checkBatchNormTraining(130, Shape.of(2, 4, 3, 5), 1e-3f, 0.99f);
        checkBatchNormTraining(131, Shape.of(3, 5, 4, 6), 1e-5f, 0.9f);
    }

    @Test
    default void batchNormTraining_rank2_outputBatchStatistics_andMovingStatisticsUpdatedInPlace() {
        checkBatchNormTraining(132, Shape.of(8, 5), 1e-3f, 0.9f);
    }

    @Test
    default void batchNormBackward_imageAndRank2_inputGammaAndBetaGradients_matchReference() {
        checkBatchNormBackward(133, Shape.of(2, 4, 3, 5), 1e-3f);
        checkBatchNormBackward(134, Shape.of(3, 5, 4, 6), 1e-5f);
        checkBatchNormBackward(135, Shape.of(8, 5), 1e-3f);
    }

    // ---- activations, pooling, padding ------------------------------------------------------------------------

    @Test
    default void reluBackward_passesTheGradientWhereTheOutputIsPositive() {
        Random random = new Random(140);
        HostTensor y;
        try (Tensor relu = new ReferenceOps().relu(gaussian(random, 1.0, 2, 4, 3, 5))) {
            y = (HostTensor) relu;
        }
        HostTensor dy = gaussian(random, 1.0, 2, 4, 3, 5);
        assertMatchesReference(backend().ops(), "reluBackward", List.of("input gradient"),
                List.of("outputGradient", "output"), (g, in) -> List.of(g.reluBackward(in[0], in[1])), dy, y);
    }

    @Test
    default void maxPoolBackward_noTies_sameSymmetricAndValid_gradientGoesToEachWinner() {
        checkMaxPool(150, Shape.of(2, 6, 6, 3), PoolOptions.of(3, 2, Padding.SAME));
        checkMaxPool(151, Shape.of(1, 7, 7, 2), PoolOptions.of(3, 2, Padding.symmetric(1)));
        checkMaxPool(152, Shape.of(1, 5, 5, 3), PoolOptions.of(2, 2, Padding.VALID));
        checkMaxPool(153, Shape.of(1, 4, 5, 2), PoolOptions.of(3, 1, Padding.SAME));
    }

    @Test
    default void avgPoolBackward_same_paddingNotCounted_matchesReference() {
        checkAvgPool(160, Shape.of(2, 6, 6, 3), PoolOptions.of(3, 2, Padding.SAME));
        checkAvgPool(161, Shape.of(1, 5, 4, 2), PoolOptions.of(2, 1, Padding.SAME));
    }

    @Test
    default void avgPoolBackward_explicitAndValid_matchesReference() {
        checkAvgPool(162, Shape.of(1, 7, 7, 2), PoolOptions.of(3, 2, Padding.symmetric(1)));
        checkAvgPool(163, Shape.of(1, 6, 7, 2), new PoolOptions(3, 2, 2, 1, Padding.explicit(1, 0, 0, 1)));
        checkAvgPool(164, Shape.of(1, 5, 5, 3), PoolOptions.of(2, 2, Padding.VALID));
    }

    @Test
    default void globalAvgPoolBackward_spreadsEachGradientOverItsChannel() {
        Random random = new Random(170);
        Shape inputShape = Shape.of(2, 3, 5, 4);
        HostTensor dy = gaussian(random, 1.0, 2, 4);
        assertMatchesReference(backend().ops(), "globalAvgPoolBackward", List.of("input gradient"),
                List.of("outputGradient"), (g, in) -> List.of(g.globalAvgPoolBackward(in[0], inputShape)), dy);
    }

    @Test
    default void zeroPadBackward_asymmetric_cropsThePadding() {
        Random random = new Random(171);
        Padding.Explicit padding = Padding.explicit(1, 2, 0, 3);
        HostTensor dy = gaussian(random, 1.0, 2, 6, 7, 3);
        assertMatchesReference(backend().ops(), "zeroPadBackward", List.of("input gradient"),
                List.of("outputGradient"), (g, in) -> List.of(g.zeroPadBackward(in[0], padding)), dy);
    }

    // ---- softmax, multiply, losses ----------------------------------------------------------------------------

    @Test
    default void softmaxBackward_matchesReference() {
        Random random = new Random(180);
        HostTensor y;
        try (Tensor softmax = new ReferenceOps().softmax(gaussian(random, 2.0, 4, 6))) {
            y = (HostTensor) softmax;
        }
        HostTensor dy = gaussian(random, 1.0, 4, 6);
        assertMatchesReference(backend().ops(), "softmaxBackward", List.of("logits gradient"),
                List.of("outputGradient", "output"), (g, in) -> List.of(g.softmaxBackward(in[0], in[1])), dy, y);
    }

    @Test
    default void multiply_elementwiseProduct_matchesReference() {
        Random random = new Random(181);
        HostTensor a = gaussian(random, 1.0, 2, 3, 4, 5);
        HostTensor b = gaussian(random, 1.0, 2, 3, 4, 5);
        assertMatchesReference(backend().ops(), "multiply", List.of("product"), List.of("a", "b"),
                (g, in) -> List.of(g.multiply(in[0], in[1])), a, b);
    }

    @Test
    default void softmaxCrossEntropy_oneHotAndSoftTargets_lossAndGradientMatchReference() {
        Random random = new Random(182);
        HostTensor logits = gaussian(random, 3.0, 4, 6);
        HostTensor oneHot = HostTensor.zeros(Shape.of(4, 6));
        int[] labels = {5, 0, 2, 2};
        for (int i = 0; i < labels.length; i++) {
            oneHot.set(1f, i, labels[i]);
        }
        for (HostTensor targets : List.of(oneHot, distributions(random, 4, 6))) {
            assertMatchesReference(backend().ops(), "softmaxCrossEntropy", List.of("loss", "logits gradient"),
                    List.of("logits", "targets"), (g, in) -> {
                        LossAndGradient r = g.softmaxCrossEntropy(in[0], in[1]);
                        return List.of(r.loss(), r.gradient());
                    }, logits, targets);
        }
    }

    @Test
    default void softmaxCrossEntropy_largeLogits_isStable() {
        HostTensor logits = HostTensor.of(Shape.of(2, 3), new float[] {1000, -1000, 999, -500, 500, 499});
        HostTensor targets = HostTensor.of(Shape.of(2, 3), new float[] {0, 0, 1, 0.5f, 0.5f, 0});
        assertMatchesReference(backend().ops(), "softmaxCrossEntropy on logits near +-1000",
                List.of("loss", "logits gradient"), List.of("logits", "targets"), (g, in) -> {
                    LossAndGradient r = g.softmaxCrossEntropy(in[0], in[1]);
                    return List.of(r.loss(), r.gradient());
                }, logits, targets);
    }

    @Test
    default void categoricalCrossEntropy_unnormalisedRowsAndClippedCells_lossAndGradientMatchReference() {
        Random random = new Random(183);
        HostTensor probabilities = distributions(random, 3, 5);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                probabilities.set(probabilities.get(i, j) * (0.5f + i), i, j); // Keras divides each row by its sum
            }
        }
        HostTensor targets = distributions(random, 3, 5);
        HostTensor clipped = HostTensor.of(Shape.of(2, 4), new float[] {0.004f, 0.3f, 0.2f, 0.5f, 0.97f, 0.01f,
            0.01f, 0.01f});
        HostTensor clippedTargets = HostTensor.of(Shape.of(2, 4), new float[] {0.4f, 0.2f, 0.2f, 0.2f, 0.7f, 0.1f,
            0.1f, 0.1f});
        GradientCall call7 = (g, in) -> lossAndGradient(g.categoricalCrossEntropy(in[0], in[1], 1e-7f));
        GradientCall call05 = (g, in) -> lossAndGradient(g.categoricalCrossEntropy(in[0], in[1], 0.05f));
        List<String> results = List.of("loss", "probabilities gradient");
        List<String> inputs = List.of("probabilities", "targets");
        assertMatchesReference(backend().ops(), "categoricalCrossEntropy", results, inputs, call7, probabilities,
                targets);
        assertMatchesReference(backend().ops(), "categoricalCrossEntropy with clipped cells (epsilon 0.05)",
                results, inputs, call05, clipped, clippedTargets);
    }

    // ---- optimizers -------------------------------------------------------------------------------------------

    @Test
    default void applySgd_plainMomentumNesterovAndWeightDecay_threeStepsInPlace_matchReference() {
        checkSgd(190, new SgdUpdate(0.1f, 0f, false, 0f));
        checkSgd(191, new SgdUpdate(0.05f, 0.9f, false, 0f));
        checkSgd(192, new SgdUpdate(0.05f, 0.9f, true, 0f));
        checkSgd(193, new SgdUpdate(0.05f, 0.8f, true, 0.1f));
        checkSgd(194, new SgdUpdate(0.1f, 0f, false, 0.01f));
    }

    @Test
    default void applyAdam_kerasForm_withAndWithoutWeightDecay_threeStepsInPlace_matchReference() {
        checkAdam(200, 1e-3f, 1e-7f, 0f);
        checkAdam(201, 0.01f, 1e-3f, 0.1f);
    }

    // ---- shape rules ------------------------------------------------------------------------------------------

    @Test
    default void conv2dBackward_outputGradientOfTheWrongShape_isRejectedWithTheRuleMessage() {
        assertRejected("conv2dBackward expects outputGradient of shape [2, 4, 4, 8] (the conv2d output for input"
                + " [2, 8, 8, 3], kernel [3, 3, 3, 8], strides 2x2, SAME). Received: shape=[2, 8, 8, 8]",
                (g, in) -> List.of(g.conv2dBackward(in[0], in[1], in[2], Conv2dOptions.of(2, Padding.SAME), true)
                        .kernel()),
                HostTensor.zeros(Shape.of(2, 8, 8, 8)), HostTensor.zeros(Shape.of(2, 8, 8, 3)),
                HostTensor.zeros(Shape.of(3, 3, 3, 8)));
    }

    @Test
    default void denseBackward_outputGradientWithOtherUnits_isRejectedWithTheRuleMessage() {
        assertRejected("denseBackward expects outputGradient of shape [4, 2] (the dense output for input [4, 5] and"
                + " kernel [5, 2]). Received: shape=[4, 3]",
                (g, in) -> List.of(g.denseBackward(in[0], in[1], in[2]).kernel()),
                HostTensor.zeros(Shape.of(4, 3)), HostTensor.zeros(Shape.of(4, 5)), HostTensor.zeros(Shape.of(5, 2)));
    }

    @Test
    default void softmaxCrossEntropy_targetsOfAnotherShape_isRejectedWithTheRuleMessage() {
        assertRejected("softmaxCrossEntropy expects targets of shape [2, 10] (the logits' shape). Received:"
                + " shape=[2, 9]", (g, in) -> List.of(g.softmaxCrossEntropy(in[0], in[1]).loss()),
                HostTensor.zeros(Shape.of(2, 10)), HostTensor.zeros(Shape.of(2, 9)));
    }

    @Test
    default void batchNormTraining_movingMeanOfAnotherLength_isRejectedWithTheRuleMessage() {
        assertRejected("batchNormTraining expects movingMean of shape [3] (one per channel). Received: shape=[4]",
                (g, in) -> List.of(g.batchNormTraining(in[0], in[1], in[2], in[3], in[4], 1e-3f, 0.99f).output()),
                HostTensor.zeros(Shape.of(2, 4, 4, 3)), HostTensor.zeros(Shape.of(3)), HostTensor.zeros(Shape.of(3)),
                HostTensor.zeros(Shape.of(4)), HostTensor.zeros(Shape.of(3)));
    }

    @Test
    default void applyAdam_stateOfAnotherShape_isRejectedWithTheRuleMessage() {
        assertRejected("applyAdam expects state of the shape of parameter [3, 2]. Received: shape=[2, 3]",
                (g, in) -> {
                    g.applyAdam(in[0], in[1], in[2], in[3], new AdamUpdate(1e-3f, 0.9f, 0.999f, 1e-7f, 1, 0f));
                    return List.of();
                }, HostTensor.zeros(Shape.of(3, 2)), HostTensor.zeros(Shape.of(3, 2)),
                HostTensor.zeros(Shape.of(3, 2)), HostTensor.zeros(Shape.of(2, 3)));
    }

    // ---- the tape ---------------------------------------------------------------------------------------------

    @Test
    default void smallResidualNetwork_twoSgdStepsOnTheTape_everyGradientAndParameterMatchesTheReference() {
        Model model = ContractModels.smallTrainingNet();
        HostTensor images = gaussian(new Random(210), 1.0, 4, 12, 10, 3);
        int[] labels = {3, 0, 2, 1};
        Map<String, HostTensor> expected = TrainingRun.run(new ReferenceTrainingOps(), model, images, labels, 2,
                Sgd.of(0.1).withMomentum(0.9).withNesterov());
        Map<String, HostTensor> actual = TrainingRun.run(backend().ops(), model, images, labels, 2,
                Sgd.of(0.1).withMomentum(0.9).withNesterov());
        TrainingRun.assertSameRun(model.name() + " trained on " + backend().name() + " vs the reference", actual,
                expected, TRAINING_TOLERANCE);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void checkConv(long seed, int n, int h, int w, int kh, int kw, int cin, int cout, int stride,
            Padding padding) {
        checkConv(seed, n, h, w, kh, kw, cin, cout, Conv2dOptions.of(stride, padding));
    }

    private void checkConv(long seed, int n, int h, int w, int kh, int kw, int cin, int cout, Conv2dOptions options) {
        Random random = new Random(seed);
        HostTensor x = gaussian(random, 1.0, n, h, w, cin);
        HostTensor k = gaussian(random, 1.0 / Math.sqrt(kh * kw * cin), kh, kw, cin, cout);
        HostTensor dy = gaussian(random, 1.0, convOutput(x, k, options).toArray());
        String what = "conv2dBackward input " + x.shape() + " kernel " + k.shape() + " strides "
                + options.strideHeight() + "x" + options.strideWidth() + " " + options.padding();
        assertMatchesReference(backend().ops(), what, List.of("input gradient", "kernel gradient"),
                List.of("outputGradient", "input", "kernel"), (g, in) -> {
                    Conv2dGradients r = g.conv2dBackward(in[0], in[1], in[2], options, true);
                    return List.of(r.input(), r.kernel());
                }, dy, x, k);
    }

    private static Shape convOutput(HostTensor x, HostTensor k, Conv2dOptions options) {
        try (Tensor y = new ReferenceOps().conv2d(x, k, null, options)) {
            return y.shape();
        }
    }

    private void checkBatchNormTraining(long seed, Shape shape, float epsilon, float momentum) {
        Random random = new Random(seed);
        int c = shape.dim(-1);
        HostTensor x = shifted(gaussian(random, 2.0, shape.toArray()), 1.5f);
        HostTensor gamma = uniform(random, 0.5, 1.5, c);
        HostTensor beta = gaussian(random, 0.5, c);
        HostTensor movingMean = gaussian(random, 0.5, c);
        HostTensor movingVariance = uniform(random, 0.5, 2.0, c);
        assertMatchesReference(backend().ops(), "batchNormTraining " + shape + " epsilon " + epsilon + " momentum "
                + momentum, List.of("output", "batch mean", "batch variance"), List.of("input", "gamma", "beta",
                "moving mean (updated in place)", "moving variance (updated in place)"), (g, in) -> {
                    BatchNormTraining r = g.batchNormTraining(in[0], in[1], in[2], in[3], in[4], epsilon, momentum);
                    return List.of(r.output(), r.mean(), r.variance());
                }, x, gamma, beta, movingMean, movingVariance);
    }

    private void checkBatchNormBackward(long seed, Shape shape, float epsilon) {
        Random random = new Random(seed);
        int c = shape.dim(-1);
        HostTensor x = shifted(gaussian(random, 2.0, shape.toArray()), 1.5f);
        HostTensor gamma = uniform(random, 0.5, 1.5, c);
        HostTensor dy = gaussian(random, 1.0, shape.toArray());
        BatchNormTraining stats = new ReferenceGradients().batchNormTraining(x, gamma, HostTensor.zeros(Shape.of(c)),
                HostTensor.zeros(Shape.of(c)), HostTensor.zeros(Shape.of(c)), epsilon, 0.99f);
        assertMatchesReference(backend().ops(), "batchNormBackward " + shape + " epsilon " + epsilon,
                List.of("input gradient", "gamma gradient", "beta gradient"), List.of("outputGradient", "input",
                "gamma", "batch mean", "batch variance"), (g, in) -> {
                    BatchNormGradients r = g.batchNormBackward(in[0], in[1], in[2], in[3], in[4], epsilon);
                    return List.of(r.input(), r.gamma(), r.beta());
                }, dy, x, gamma, (HostTensor) stats.mean(), (HostTensor) stats.variance());
    }

    private void checkMaxPool(long seed, Shape shape, PoolOptions options) {
        Random random = new Random(seed);
        HostTensor x = distinct(random, shape);
        HostTensor dy;
        try (Tensor y = new ReferenceOps().maxPool(x, options)) {
            dy = gaussian(random, 1.0, y.shape().toArray());
        }
        assertMatchesReference(backend().ops(), "maxPoolBackward " + shape + " " + options,
                List.of("input gradient"), List.of("outputGradient", "input"),
                (g, in) -> List.of(g.maxPoolBackward(in[0], in[1], options)), dy, x);
    }

    private void checkAvgPool(long seed, Shape shape, PoolOptions options) {
        Random random = new Random(seed);
        HostTensor dy;
        try (Tensor y = new ReferenceOps().avgPool(HostTensor.zeros(shape), options)) {
            dy = gaussian(random, 1.0, y.shape().toArray());
        }
        assertMatchesReference(backend().ops(), "avgPoolBackward " + shape + " " + options,
                List.of("input gradient"), List.of("outputGradient"),
                (g, in) -> List.of(g.avgPoolBackward(in[0], shape, options)), dy);
    }

    private void checkSgd(long seed, SgdUpdate update) {
        Random random = new Random(seed);
        HostTensor w = gaussian(random, 1.0, 3, 3, 2, 4);
        HostTensor velocity = update.momentum() == 0 ? null : gaussian(random, 0.1, 3, 3, 2, 4);
        HostTensor[] g = {gaussian(random, 1.0, 3, 3, 2, 4), gaussian(random, 1.0, 3, 3, 2, 4),
            gaussian(random, 1.0, 3, 3, 2, 4)};
        assertMatchesReference(backend().ops(), "applySgd " + update, List.of(), List.of("parameter (in place)",
                "velocity (in place)", "gradient 1", "gradient 2", "gradient 3"), (ops, in) -> {
                    for (int step = 0; step < 3; step++) {
                        ops.applySgd(in[0], in[2 + step], in[1], update);
                    }
                    return List.of();
                }, w, velocity, g[0], g[1], g[2]);
    }

    private void checkAdam(long seed, float learningRate, float epsilon, float weightDecay) {
        Random random = new Random(seed);
        HostTensor w = gaussian(random, 1.0, 4, 6);
        HostTensor m = HostTensor.zeros(Shape.of(4, 6));
        HostTensor v = HostTensor.zeros(Shape.of(4, 6));
        HostTensor[] g = {gaussian(random, 1.0, 4, 6), gaussian(random, 0.1, 4, 6), gaussian(random, 2.0, 4, 6)};
        assertMatchesReference(backend().ops(), "applyAdam lr " + learningRate + " epsilon " + epsilon
                + " weight decay " + weightDecay, List.of(), List.of("parameter (in place)", "momentum (in place)",
                "velocity (in place)", "gradient 1", "gradient 2", "gradient 3"), (ops, in) -> {
                    for (int step = 1; step <= 3; step++) {
                        ops.applyAdam(in[0], in[2 + step], in[1], in[2],
                                new AdamUpdate(learningRate, 0.9f, 0.999f, epsilon, step, weightDecay));
                    }
                    return List.of();
                }, w, m, v, g[0], g[1], g[2]);
    }

    private void assertRejected(String message, GradientCall call, HostTensor... inputs) {
        Ops ops = backend().ops();
        assertThatThrownBy(() -> GradientRunner.run(ops, call, inputs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    private static List<Tensor> lossAndGradient(LossAndGradient r) {
        return List.of(r.loss(), r.gradient());
    }

    private static HostTensor shifted(HostTensor t, float by) {
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] += by;
        }
        return t;
    }

    /** Rows of positive values summing to 1. */
    private static HostTensor distributions(Random random, int rows, int classes) {
        HostTensor t = uniform(random, 0.05, 1.0, rows, classes);
        for (int i = 0; i < rows; i++) {
            float sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += t.get(i, j);
            }
            for (int j = 0; j < classes; j++) {
                t.set(t.get(i, j) / sum, i, j);
            }
        }
        return t;
    }

    /** Values {@code 0.01 * k} for distinct {@code k} in a random order: no two cells tie. */
    private static HostTensor distinct(Random random, Shape shape) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < shape.size(); i++) {
            order.add(i - shape.size() / 2);
        }
        Collections.shuffle(order, random);
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = 0.01f * order.get(i);
        }
        return HostTensor.of(shape, data);
    }
}
