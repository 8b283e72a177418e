package org.resnet4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.ops.Ops;
import org.resnet4j.tck.ReferenceGradients;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** BatchNormalization and Dropout behave differently on a training tape, and only there. */
class TrainingModeLayersTest {
    private final ReferenceOps ops = new ReferenceOps();
    private final ReferenceGradients gradients = new ReferenceGradients();

    private static Map<String, Tensor> upload(Ops ops, Model model) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        model.parameters().asMap().forEach((name, value) -> weights.put(name, ops.upload(value)));
        return weights;
    }

    /** One channel holding 1..8: batch mean 4.5, biased variance 5.25. */
    private static HostTensor oneToEight() {
        return HostTensor.of(Shape.of(2, 2, 2, 1), new float[] {1, 2, 3, 4, 5, 6, 7, 8});
    }

    @Test
    void batchNormalization_onTheTape_usesBatchStatistics_andMovesTheMovingOnesWithItsMomentum() {
        for (double momentum : new double[] {BatchNormalization.DEFAULT_MOMENTUM, 0.9}) {
            Node in = Input.of(2, 2, 1);
            Model model = Model.of("bn", in, BatchNormalization.of().withMomentum(momentum).named("bn").apply(in));
            Map<String, Tensor> weights = upload(ops, model);
            try (GradientTape tape = GradientTape.on(ops, gradients)) {
                HostTensor out = tape.download(model.forward(tape, weights, List.of(oneToEight())).get(0));
                assertThat(out.data()[0]).isCloseTo((float) ((1 - 4.5) / Math.sqrt(5.25 + 1e-3)), within(1e-6f));
            }
            // Keras: moving = moving * momentum + batch * (1 - momentum), from mean 0 and variance 1.
            assertThat(((HostTensor) weights.get("bn/moving_mean")).data()[0])
                    .isCloseTo((float) (4.5 * (1 - momentum)), within(1e-6f));
            assertThat(((HostTensor) weights.get("bn/moving_variance")).data()[0])
                    .isCloseTo((float) (momentum + 5.25 * (1 - momentum)), within(1e-6f));
        }
    }

    @Test
    void batchNormalization_onPlainOps_usesTheMovingStatistics_andChangesNothing() {
        Node in = Input.of(2, 2, 1);
        Model model = Model.of("bn", in, BatchNormalization.of().named("bn").apply(in));
        Map<String, Tensor> weights = upload(ops, model);
        HostTensor out = ops.download(model.forward(ops, weights, List.of(oneToEight())).get(0));
        assertThat(out.data()[0]).isCloseTo((float) (1 / Math.sqrt(1 + 1e-3)), within(1e-6f));
        assertThat(((HostTensor) weights.get("bn/moving_mean")).data()[0]).isZero();
    }

    @Test
    void dropout_onTheTape_dropsAboutItsRate_scalesTheRest_andRepeatsWithTheSameSeed() {
        Node in = Input.of(1000);
        Model model = Model.of("drop", in, Dropout.of(0.3).apply(in));
        HostTensor ones = HostTensor.filled(Shape.of(1, 1000), 1f);
        float[] first = trainingOutput(model, ones, 42);
        long dropped = 0;
        for (float v : first) {
            assertThat(v).isIn(0f, 1f / 0.7f);
            dropped += v == 0f ? 1 : 0;
        }
        assertThat(dropped).isBetween(250L, 350L);
        assertThat(trainingOutput(model, ones, 42)).containsExactly(first);
        assertThat(trainingOutput(model, ones, 7)).isNotEqualTo(first);
        assertThat(ops.download(model.forward(ops, Map.of(), List.of(ones)).get(0)).data()).containsOnly(1f);
    }

    private float[] trainingOutput(Model model, HostTensor input, long seed) {
        try (GradientTape tape = GradientTape.on(ops, gradients, seed)) {
            return tape.download(model.forward(tape, Map.of(), List.of(input)).get(0)).data();
        }
    }

    @Test
    void dropout_rateOne_isRejectedWhileTraining() {
        Node in = Input.of(4);
        Model model = Model.of("drop", in, Dropout.of(1.0).apply(in));
        try (GradientTape tape = GradientTape.on(ops, gradients)) {
            assertThatThrownBy(() -> model.forward(tape, Map.of(), List.of(HostTensor.zeros(Shape.of(1, 4)))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Dropout expects a rate in [0, 1) while training. Received: 1.0");
        }
    }

    @Test
    void batchNormalization_momentumIsInTheConfigOnlyWhenNotKerasDefault_andReadsAsTheDefaultWhenAbsent() {
        BatchNormalization rebuilt = BatchNormalization.fromConfig(new LayerConfig("bn", "BatchNormalization",
                Map.of("epsilon", 1e-5)));
        assertThat(rebuilt.momentum()).isEqualTo(0.99);
        assertThat(BatchNormalization.of().config()).doesNotContainKey("momentum");
        assertThat(BatchNormalization.of().withMomentum(0.9).config()).containsEntry("momentum", 0.9);
        assertThatThrownBy(() -> BatchNormalization.of().withMomentum(1.5))
                .hasMessage("BatchNormalization momentum must be in [0, 1]. Received: 1.5");
    }
}
