package org.resnet4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.TrainingNotSupportedException;
import org.resnet4j.tck.Float64Ops;
import org.resnet4j.tck.Float64Tensor;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** The tape's reverse walk, checked against finite differences in float64, and its errors. */
class GradientTapeTest {
    private final Float64Ops ops = new Float64Ops();
    private final Float64Tensor x = Float64Tensor.gaussian(Shape.of(3, 4), 1, 1.0);
    private final Float64Tensor targets = oneHot(3, 1, 2, 0);

    private static Float64Tensor oneHot(int classes, int... labels) {
        double[] v = new double[labels.length * classes];
        for (int b = 0; b < labels.length; b++) {
            v[b * classes + labels[b]] = 1;
        }
        return Float64Tensor.of(Shape.of(labels.length, classes), v);
    }

    private static Map<String, Float64Tensor> parameters(Object... namesAndTensors) {
        Map<String, Float64Tensor> p = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTensors.length; i += 2) {
            p.put((String) namesAndTensors[i], (Float64Tensor) namesAndTensors[i + 1]);
        }
        return p;
    }

    private static Float64Tensor weights(long seed, int... dims) {
        return Float64Tensor.gaussian(Shape.of(dims), seed, 0.5);
    }

    @Test
    void denseWithBias_softmaxCrossEntropy_matchesFiniteDifferences() {
        TapeFiniteDifferences.check("dense", parameters("kernel", weights(2, 4, 3), "bias", weights(3, 3)),
                (tape, p) -> tape.softmaxCrossEntropy(tape.dense(x, p.get("kernel"), p.get("bias")), targets));
    }

    @Test
    void residualAdd_sendsTheGradientDownBothBranches_matchesFiniteDifferences() {
        TapeFiniteDifferences.check("residual",
                parameters("w0", weights(4, 4, 4), "w1", weights(5, 4, 4), "w2", weights(6, 4, 3)), (tape, p) -> {
                    Tensor h = tape.dense(x, p.get("w0"), null);
                    Tensor branch = tape.dense(tape.relu(h), p.get("w1"), null);
                    Tensor sum = tape.add(h, branch);
                    return tape.softmaxCrossEntropy(tape.dense(sum, p.get("w2"), null), targets);
                });
    }

    @Test
    void constantUploadedAndClosedByALayer_staysAliveForTheBackwardPass() {
        HostTensor constant = HostTensor.gaussian(Shape.of(4, 3), 14);
        TapeFiniteDifferences.check("dense then a closed constant", parameters("w", weights(15, 4, 4)), (tape, p) -> {
            Tensor h = tape.dense(x, p.get("w"), null);
            try (Tensor kernel = tape.upload(constant)) {
                return tape.softmaxCrossEntropy(tape.dense(h, kernel, null), targets);
            }
        });
    }

    @Test
    void tensorAddedToItself_receivesTwiceTheGradient() {
        TapeFiniteDifferences.check("add(h, h)", parameters("w0", weights(7, 4, 4), "w1", weights(8, 4, 3)),
                (tape, p) -> {
                    Tensor h = tape.dense(x, p.get("w0"), null);
                    return tape.softmaxCrossEntropy(tape.dense(tape.add(h, h), p.get("w1"), null), targets);
                });
    }

    @Test
    void frozenBatchNorm_differentiatesInputGammaAndBeta_withTheMovingStatisticsHeldConstant() {
        Float64Tensor mean = weights(9, 2);
        Float64Tensor variance = Float64Tensor.of(Shape.of(2), new double[] {0.5, 2.0});
        TapeFiniteDifferences.check("frozen batchNorm", parameters("input", Float64Tensor.gaussian(Shape.of(3, 2, 2, 2),
                10, 1.0), "gamma", weights(11, 2), "beta", weights(12, 2), "kernel", weights(13, 8, 3)), (tape, p) -> {
                    Tensor normalised = tape.batchNorm(p.get("input"), p.get("gamma"), p.get("beta"), mean, variance,
                            1e-3f);
                    Tensor flat = tape.reshape(normalised, Shape.of(3, 8));
                    return tape.softmaxCrossEntropy(tape.dense(flat, p.get("kernel"), null), targets);
                });
    }

    @Test
    void dropoutTraining_masksFromTheTapeSeed_gradientMatchesFiniteDifferences() {
        TapeFiniteDifferences.check("dropout", parameters("w0", weights(14, 4, 6), "w1", weights(15, 6, 3)),
                (tape, p) -> {
                    Tensor dropped = tape.dropoutTraining(tape.dense(x, p.get("w0"), null), 0.5f);
                    return tape.softmaxCrossEntropy(tape.dense(dropped, p.get("w1"), null), targets);
                });
    }

    @Test
    void categoricalCrossEntropyOnSoftmax_matchesFiniteDifferences() {
        TapeFiniteDifferences.check("softmax + categorical cross-entropy", parameters("kernel", weights(16, 4, 3)),
                (tape, p) -> tape.categoricalCrossEntropy(tape.softmax(tape.dense(x, p.get("kernel"), null)), targets,
                        1e-7f));
    }

    @Test
    void sumOfTwoLosses_getsTheSumOfTheirGradients() {
        TapeFiniteDifferences.check("two losses", parameters("kernel", weights(17, 4, 3)), (tape, p) -> {
            Tensor logits = tape.dense(x, p.get("kernel"), null);
            return tape.add(tape.softmaxCrossEntropy(logits, targets),
                    tape.categoricalCrossEntropy(tape.softmax(logits), targets, 1e-7f));
        });
    }

    @Test
    void lossScaledByAnotherOp_isRejectedClearly() {
        try (GradientTape tape = GradientTape.on(ops, ops)) {
            Float64Tensor kernel = weights(18, 4, 3);
            Tensor loss = tape.softmaxCrossEntropy(tape.dense(x, kernel, null), targets);
            Tensor doubled = tape.add(loss, loss);
            assertThatThrownBy(() -> tape.gradient(doubled, Map.of("kernel", kernel)))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("GradientTape: softmaxCrossEntropy must be the loss gradient() starts from (or a sum of"
                            + " such losses); scaling a loss by other ops is not supported");
        }
    }

    @Test
    void sourceTheLossDoesNotReach_getsZeros() {
        try (GradientTape tape = GradientTape.on(ops, ops)) {
            Float64Tensor used = weights(19, 4, 3);
            Float64Tensor unused = weights(20, 2, 2);
            Tensor loss = tape.softmaxCrossEntropy(tape.dense(x, used, null), targets);
            Map<String, Tensor> g = tape.gradient(loss, Map.of("used", used, "unused", unused));
            assertThat(((Float64Tensor) g.get("unused")).values()).containsOnly(0.0);
            assertThat(((Float64Tensor) g.get("used")).values()).isNotEqualTo(new double[12]);
        }
    }

    @Test
    void oneSourceUnderTwoNames_getsItsGradientUnderBoth() {
        try (GradientTape tape = GradientTape.on(ops, ops)) {
            Float64Tensor kernel = weights(28, 4, 3);
            Tensor loss = tape.softmaxCrossEntropy(tape.dense(x, kernel, null), targets);
            Map<String, Tensor> g = tape.gradient(loss, Map.of("a", kernel, "b", kernel));
            assertThat(g.get("a")).isNotSameAs(g.get("b"));
            assertThat(((Float64Tensor) g.get("a")).values()).containsExactly(((Float64Tensor) g.get("b")).values())
                    .isNotEqualTo(new double[12]);
        }
    }

    @Test
    void gradient_ofATensorNotRecordedOnTheTape_isAClearError() {
        try (GradientTape tape = GradientTape.on(ops, ops)) {
            Float64Tensor kernel = weights(21, 4, 3);
            Tensor notRecorded = ops.softmaxCrossEntropy(ops.dense(x, kernel, null), targets).loss();
            assertThatThrownBy(() -> tape.gradient(notRecorded, Map.of("kernel", kernel)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("GradientTape.gradient expects a loss recorded on this tape. Received: Float64Tensor[];"
                            + " compute the model's output and the loss on the tape");
        }
    }

    @Test
    void gradient_ofANonScalar_isAClearError() {
        try (GradientTape tape = GradientTape.on(ops, ops)) {
            Float64Tensor kernel = weights(22, 4, 3);
            Tensor logits = tape.dense(x, kernel, null);
            assertThatThrownBy(() -> tape.gradient(logits, Map.of("kernel", kernel)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("GradientTape.gradient expects a scalar loss (shape []). Received: shape=[3, 3]");
        }
    }

    @Test
    void gradient_whenTheForwardPassRanOnOtherOps_saysTheLossDependsOnNoSource() {
        try (GradientTape tape = GradientTape.on(ops, ops)) {
            Float64Tensor kernel = weights(23, 4, 3);
            Tensor logitsOffTheTape = ops.dense(x, kernel, null);
            Tensor loss = tape.softmaxCrossEntropy(logitsOffTheTape, targets);
            assertThatThrownBy(() -> tape.gradient(loss, Map.of("dense/kernel", kernel)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("GradientTape.gradient expects a loss that depends on the sources. Received: a loss that"
                            + " depends on none of the 1 sources [dense/kernel]; was the forward pass run on the tape"
                            + " (model.forward(tape, weights, inputs))?");
        }
    }

    @Test
    void closedTape_refusesToRecordAndToDifferentiate() {
        GradientTape tape = GradientTape.on(ops, ops);
        Tensor loss = tape.softmaxCrossEntropy(tape.dense(x, weights(24, 4, 3), null), targets);
        tape.close();
        assertThatThrownBy(() -> tape.relu(x)).isInstanceOf(IllegalStateException.class)
                .hasMessage("GradientTape is closed");
        assertThatThrownBy(() -> tape.gradient(loss, Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessage("GradientTape is closed");
    }

    @Test
    void tensorOfAnotherTape_isRejected() {
        try (GradientTape first = GradientTape.on(ops, ops); GradientTape second = GradientTape.on(ops, ops)) {
            Tensor h = first.relu(x);
            assertThatThrownBy(() -> second.relu(h)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("GradientTape expects tensors of this tape or of its backend. Received:"
                            + " TapeTensor(relu)[3, 4], recorded on another tape");
        }
    }

    @Test
    void on_opsWithoutBackwardPrimitives_saysTrainingNotSupported() {
        assertThatThrownBy(() -> GradientTape.on(new ReferenceOps()))
                .isInstanceOf(TrainingNotSupportedException.class)
                .hasMessageStartingWith("Training not supported by ReferenceOps");
        try (GradientTape tape = GradientTape.on(ops)) {
            assertThat(tape.toString()).isEqualTo("GradientTape(Float64Ops, Float64Ops)");
        }
    }

    @Test
    void afterTheTapeAndTheGradientsAreClosed_noTensorTheBackendMadeIsOpen() {
        TrackedOps tracked = new TrackedOps();
        Tensor input = tracked.ops().upload(x.toHost());
        Tensor w0 = tracked.ops().upload(weights(25, 4, 4).toHost());
        Tensor w1 = tracked.ops().upload(weights(26, 4, 4).toHost());
        Tensor w2 = tracked.ops().upload(weights(27, 4, 3).toHost());
        Tensor t = tracked.ops().upload(targets.toHost());
        Map<String, Tensor> sources = Map.of("w0", w0, "w1", w1, "w2", w2);
        Map<String, Tensor> g;
        try (GradientTape tape = GradientTape.on(tracked.ops(), tracked.gradients())) {
            Tensor h = tape.dense(input, w0, null);
            Tensor branch;
            try (Tensor activated = tape.relu(h)) {
                branch = tape.dense(activated, w1, null);
            }
            Tensor sum = tape.add(h, branch);
            h.close();
            branch.close();
            Tensor loss = tape.softmaxCrossEntropy(tape.dense(sum, w2, null), t);
            sum.close();
            Map<String, Tensor> first = tape.gradient(loss, sources);
            g = tape.gradient(loss, sources); // twice: the tape keeps what backward needs until it is closed
            first.values().forEach(Tensor::close);
        }
        List<Tensor> mine = List.of(input, w0, w1, w2, t, g.get("w0"), g.get("w1"), g.get("w2"));
        assertThat(tracked.open()).as("open tensors besides the test's own")
                .filteredOn(open -> mine.stream().noneMatch(m -> m == open))
                .isEmpty();
        mine.forEach(Tensor::close);
        assertThat(tracked.open()).isEmpty();
    }
}
