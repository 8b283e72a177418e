package org.resnet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.tck.ReferenceTrainingOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** The losses' JVM-side value (for evaluation) and targets, against the tape's value and against hand values. */
class HostLossTest {
    private final ReferenceTrainingOps ops = new ReferenceTrainingOps();
    private final int[] labels = {2, 1};

    private double onTape(Loss loss, HostTensor predictions) {
        try (GradientTape tape = GradientTape.on(ops); Tensor p = ops.upload(predictions)) {
            return tape.download(loss.compute(tape, p, loss.targets(labels, 3))).data()[0];
        }
    }

    @Test
    void fromLogits_isTheMeanNegativeLogSoftmax_asOnTheTape() {
        HostTensor logits = HostTensor.of(Shape.of(2, 3), new float[] {2f, -1f, 0.5f, 0f, 3f, 1f});
        double row0 = -(0.5 - Math.log(Math.exp(2) + Math.exp(-1) + Math.exp(0.5)));
        double row1 = -(3 - Math.log(Math.exp(0) + Math.exp(3) + Math.exp(1)));
        for (Loss loss : new Loss[] {CategoricalCrossentropy.fromLogits(), SparseCategoricalCrossentropy.fromLogits()}) {
            assertThat(loss.mean(logits, labels)).as(loss.name()).isCloseTo((row0 + row1) / 2, within(1e-12));
            assertThat(loss.mean(logits, labels)).as(loss.name()).isCloseTo(onTape(loss, logits), within(1e-6));
        }
    }

    @Test
    void onProbabilities_normalisesEachRowAndClipsAsKeras() {
        // row 0 sums to 2: its target 0.5 becomes 0.25; row 1's target 0 is clipped to 1e-7
        HostTensor probabilities = HostTensor.of(Shape.of(2, 3), new float[] {1f, 0.5f, 0.5f, 1f, 0f, 0f});
        double expected = (-Math.log(0.25) - Math.log(1e-7)) / 2;
        for (Loss loss : new Loss[] {CategoricalCrossentropy.of(), SparseCategoricalCrossentropy.of()}) {
            assertThat(loss.mean(probabilities, labels)).as(loss.name()).isCloseTo(expected, within(1e-9));
            assertThat(loss.mean(probabilities, labels)).as(loss.name()).isCloseTo(onTape(loss, probabilities),
                    within(1e-5));
        }
    }

    @Test
    void targets_areOneHotForCategoricalAndIndicesForSparse() {
        assertThat(CategoricalCrossentropy.of().targets(labels, 3).data()).containsExactly(0, 0, 1, 0, 1, 0);
        assertThat(CategoricalCrossentropy.of().targets(labels, 3).shape()).isEqualTo(Shape.of(2, 3));
        assertThat(SparseCategoricalCrossentropy.of().targets(labels, 3).data()).containsExactly(2, 1);
        assertThatThrownBy(() -> SparseCategoricalCrossentropy.of().targets(new int[] {0, 3}, 3))
                .hasMessage("sparse_categorical_crossentropy expects labels in [0, 3) (the predictions' last"
                        + " dimension). Received: 3 at index 1");
    }

    @Test
    void accuracy_countsTheRowsWhoseFirstLargestScoreIsTheLabel() {
        HostTensor p = HostTensor.of(Shape.of(4, 3), new float[] {0.1f, 0.2f, 0.7f, 0.5f, 0.5f, 0f, 0f, 1f, 0f,
            0.3f, 0.3f, 0.4f});
        // argmax 2, 0 (tie: first), 1, 2 against labels 2, 1, 1, 0: rows 0 and 2 correct
        assertThat(Accuracy.of().sum(p, new int[] {2, 1, 1, 0})).isEqualTo(2.0);
    }
}
