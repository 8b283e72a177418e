package org.resnet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.tck.ReferenceGradients;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** The Keras losses over the tape: values, the agreement of their forms, and their errors. */
class LossesTest {
    private final ReferenceOps ops = new ReferenceOps();
    private final ReferenceGradients gradients = new ReferenceGradients();
    private final HostTensor logits = HostTensor.of(Shape.of(2, 3), new float[] {2f, -1f, 0.5f, 0f, 3f, 1f});
    private final HostTensor oneHot = HostTensor.of(Shape.of(2, 3), new float[] {0, 0, 1, 0, 1, 0});

    /** The loss and its gradient with respect to {@code input}, through {@code before} (identity or softmax). */
    private float[] lossAndGradient(Loss loss, HostTensor labels, boolean softmaxFirst) {
        try (GradientTape tape = GradientTape.on(ops, gradients)) {
            Tensor in = ops.upload(logits);
            Tensor predictions = softmaxFirst ? tape.softmax(in) : tape.reshape(in, logits.shape());
            Tensor value = loss.compute(tape, predictions, labels);
            HostTensor g = ops.download(tape.gradient(value, Map.of("logits", in)).get("logits"));
            float[] out = new float[1 + g.size()];
            out[0] = tape.download(value).data()[0];
            System.arraycopy(g.data(), 0, out, 1, g.size());
            return out;
        }
    }

    @Test
    void categoricalFromLogits_isTheMeanNegativeLogSoftmaxOfTheTarget() {
        double row0 = -(0.5 - Math.log(Math.exp(2) + Math.exp(-1) + Math.exp(0.5)));
        double row1 = -(3 - Math.log(Math.exp(0) + Math.exp(3) + Math.exp(1)));
        float[] r = lossAndGradient(CategoricalCrossentropy.fromLogits(), oneHot, false);
        assertThat(r[0]).isCloseTo((float) ((row0 + row1) / 2), within(1e-6f));
    }

    @Test
    void sparseLabels_giveTheSameLossAndGradientAsTheirOneHotTargets() {
        HostTensor labels = HostTensor.of(Shape.of(2), new float[] {2, 1});
        assertThat(lossAndGradient(SparseCategoricalCrossentropy.fromLogits(), labels, false))
                .containsExactly(lossAndGradient(CategoricalCrossentropy.fromLogits(), oneHot, false));
        assertThat(lossAndGradient(SparseCategoricalCrossentropy.of(), labels.reshape(Shape.of(2, 1)), true))
                .containsExactly(lossAndGradient(CategoricalCrossentropy.of(), oneHot, true));
    }

    @Test
    void onProbabilitiesAfterSoftmax_agreesWithFromLogits_whenNothingIsClipped() {
        float[] fromLogits = lossAndGradient(CategoricalCrossentropy.fromLogits(), oneHot, false);
        float[] onProbabilities = lossAndGradient(CategoricalCrossentropy.of(), oneHot, true);
        assertThat(onProbabilities).containsExactly(fromLogits, within(1e-6f));
    }

    @Test
    void sparseLabelOutOfRange_namesTheLabelAndTheRange() {
        try (GradientTape tape = GradientTape.on(ops, gradients)) {
            Tensor predictions = tape.reshape(ops.upload(logits), logits.shape());
            assertThatThrownBy(() -> SparseCategoricalCrossentropy.fromLogits().compute(tape, predictions, 2, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sparse_categorical_crossentropy expects labels in [0, 3) (the predictions' last"
                            + " dimension). Received: 3 at index 1");
            assertThatThrownBy(() -> SparseCategoricalCrossentropy.fromLogits().compute(tape, predictions, -1, 0))
                    .hasMessageEndingWith("Received: -1 at index 0");
        }
    }

    @Test
    void labelsThatDoNotMatchThePredictions_areAClearError() {
        try (GradientTape tape = GradientTape.on(ops, gradients)) {
            Tensor predictions = tape.reshape(ops.upload(logits), logits.shape());
            assertThatThrownBy(() -> SparseCategoricalCrossentropy.fromLogits().compute(tape, predictions, 0, 1, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sparse_categorical_crossentropy expects 2 labels, one per row of predictions [2, 3]."
                            + " Received: 3 labels");
            assertThatThrownBy(() -> CategoricalCrossentropy.fromLogits().compute(tape, predictions,
                    HostTensor.zeros(Shape.of(2, 4))))
                    .hasMessage("categorical_crossentropy expects targets of shape [2, 3] (one row per prediction)."
                            + " Received: shape=[2, 4]");
            assertThatThrownBy(() -> SparseCategoricalCrossentropy.fromLogits().compute(tape, predictions,
                    HostTensor.of(Shape.of(2), new float[] {0, 1.5f})))
                    .hasMessage("sparse_categorical_crossentropy expects integer class labels. Received: 1.5 at index 1");
            assertThatThrownBy(() -> SparseCategoricalCrossentropy.fromLogits().compute(tape, predictions,
                    HostTensor.zeros(Shape.of(2, 3))))
                    .hasMessage("sparse_categorical_crossentropy expects labels of shape [n] or [n, 1] (class indices)."
                            + " Received: shape=[2, 3]");
            Tensor image = tape.reshape(ops.upload(logits), Shape.of(1, 2, 3));
            assertThatThrownBy(() -> SparseCategoricalCrossentropy.fromLogits().compute(tape, image, 0))
                    .hasMessage("sparse_categorical_crossentropy expects predictions of rank 2 [n, classes]. Received:"
                            + " shape=[1, 2, 3]");
        }
    }
}
