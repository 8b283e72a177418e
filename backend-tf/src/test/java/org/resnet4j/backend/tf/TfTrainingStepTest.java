package org.resnet4j.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tck.ToyClassification;
import org.resnet4j.tck.TrainingRun;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.Sgd;
import org.resnet4j.training.SparseCategoricalCrossentropy;
import org.resnet4j.training.StepResult;
import org.resnet4j.training.TapeTrainingStep;
import org.resnet4j.training.TrainingStep;

/**
 * tf's compiled training step ({@link TfTrainingStep}, the whole step as one graph) against the generic tape step on
 * tf's eager ops, step by step: the same losses and predictions, and after three steps (two of a full batch, one of a
 * smaller last batch, a learning rate changed between them, a new dropout seed each) the same parameters, moving
 * statistics and optimizer state within float32 rounding; the same inference predictions; a step resumed from the
 * saved weights and optimizer state equal to the uninterrupted one, bit for bit.
 */
class TfTrainingStepTest {
    private static final double TOLERANCE = 1e-5;
    private static final int[] FULL_BATCH_LABELS = {0, 3, 1, 2};
    private static final int[] LAST_BATCH_LABELS = {2, 1};

    private record Batch(HostTensor images, int[] labels, long dropoutSeed) {
    }

    private static Batch[] batches(Shape sample, int[] full, int[] last) {
        return new Batch[] {
                new Batch(HostTensor.gaussian(sample.withBatch(full.length), 7), full, 101),
                new Batch(HostTensor.gaussian(sample.withBatch(full.length), 8), full, 102),
                new Batch(HostTensor.gaussian(sample.withBatch(last.length), 9), last, 103)};
    }

    @Test
    void compiledStep_adamWithWeightDecay_logits_equalsTheTapeStep() {
        assertCompiledEqualsTape("Adam", ContractModels.smallTrainingNet(), CategoricalCrossentropy.fromLogits(),
                () -> Adam.of().withLearningRate(0.01).withWeightDecay(0.01), FULL_BATCH_LABELS, LAST_BATCH_LABELS);
    }

    @Test
    void compiledStep_adamWithPyTorchEpsilon_sparseLabels_equalsTheTapeStep() {
        assertCompiledEqualsTape("Adam (PyTorch epsilon)", ContractModels.smallTrainingNet(),
                SparseCategoricalCrossentropy.fromLogits(), () -> Adam.of().withLearningRate(0.01)
                        .withPyTorchEpsilon(), FULL_BATCH_LABELS, LAST_BATCH_LABELS);
    }

    @Test
    void compiledStep_nesterovSgdWithWeightDecay_equalsTheTapeStep() {
        assertCompiledEqualsTape("SGD", ContractModels.smallTrainingNet(), CategoricalCrossentropy.fromLogits(),
                () -> Sgd.of(0.05).withMomentum(0.9).withNesterov().withWeightDecay(1e-3), FULL_BATCH_LABELS,
                LAST_BATCH_LABELS);
    }

    @Test
    void compiledStep_plainSgd_softmaxOutputWithKerasClippedLoss_equalsTheTapeStep() {
        assertCompiledEqualsTape("plain SGD", ToyClassification.model(3), CategoricalCrossentropy.of(),
                () -> Sgd.of(0.1), new int[] {0, 2, 1, 1}, new int[] {2, 0});
    }

    private static void assertCompiledEqualsTape(String what, Model model, Loss loss, Supplier<Optimizer> optimizers,
            int[] full, int[] last) {
        Batch[] batches = batches(model.inputs().get(0).shape(), full, last);
        try (TfBackend backend = new TfBackend()) {
            Optimizer tapeOptimizer = optimizers.get();
            Optimizer compiledOptimizer = optimizers.get();
            try (TrainingStep tape = TapeTrainingStep.on(backend.ops(), model, loss, tapeOptimizer);
                    TrainingStep compiled = backend.trainingStep(model, loss, compiledOptimizer).orElseThrow()) {
                assertThat(compiled).isInstanceOf(TfTrainingStep.class);
                for (int i = 0; i < batches.length; i++) {
                    if (i == 1) { // a schedule changes the rate between steps: both must follow it
                        tapeOptimizer.setLearningRate(tapeOptimizer.learningRate() / 2);
                        compiledOptimizer.setLearningRate(compiledOptimizer.learningRate() / 2);
                    }
                    Batch b = batches[i];
                    StepResult expected = tape.step(b.images(), b.labels(), b.dropoutSeed());
                    StepResult actual = compiled.step(b.images(), b.labels(), b.dropoutSeed());
                    assertThat(actual.loss()).as(what + " loss of step " + i)
                            .isCloseTo(expected.loss(), org.assertj.core.data.Offset.offset(1e-5 * Math.abs(
                                    expected.loss()) + 1e-6));
                    assertThat(TensorComparison.relativeL2Error(actual.predictions(), expected.predictions()))
                            .as(what + " predictions of step " + i).isLessThan(TOLERANCE);
                }
                assertSameTensors(what + ": weights after 3 steps, compiled vs tape", compiled.weights(),
                        tape.weights());
                Map<String, HostTensor> expectedState = tape.optimizerState();
                Map<String, HostTensor> actualState = compiled.optimizerState();
                assertThat(actualState.get(Optimizer.ITERATIONS).data()).containsExactly(3f);
                assertSameTensors(what + ": optimizer state after 3 steps, compiled vs tape", actualState,
                        expectedState);
                HostTensor images = HostTensor.gaussian(model.inputs().get(0).shape().withBatch(5), 10);
                assertThat(TensorComparison.relativeL2Error(compiled.predict(images), tape.predict(images)))
                        .as(what + " inference predictions").isLessThan(TOLERANCE);
            }
        }
    }

    /**
     * Within {@link #TOLERANCE} relative L2 error, except tensors that are float32 noise on both sides (a
     * convolution's bias before a batch norm has a zero gradient in exact arithmetic, so it moves by rounding errors
     * only, 1e-9 or so): those must stay within 1e-6 of each other.
     */
    private static void assertSameTensors(String what, Map<String, HostTensor> actual,
            Map<String, HostTensor> expected) {
        Map<String, HostTensor> relative = new LinkedHashMap<>();
        Map<String, HostTensor> relativeActual = new LinkedHashMap<>();
        expected.forEach((name, value) -> {
            double largest = 0;
            for (float v : value.data()) {
                largest = Math.max(largest, Math.abs(v));
            }
            if (largest < 1e-6) {
                float[] a = actual.get(name).data();
                for (int i = 0; i < a.length; i++) {
                    assertThat((double) a[i]).as(what + ": " + name + "[" + i + "] (noise only)")
                            .isCloseTo(value.data()[i], org.assertj.core.data.Offset.offset(1e-6));
                }
            } else {
                relative.put(name, value);
                relativeActual.put(name, actual.get(name));
            }
        });
        assertThat(actual.keySet()).as(what).isEqualTo(expected.keySet());
        TrainingRun.assertSameRun(what, relativeActual, relative, TOLERANCE);
    }

    @Test
    void resumedFromSavedWeightsAndOptimizerState_continuesExactlyAsTheUninterruptedStep() {
        Model model = ContractModels.smallTrainingNet();
        Loss loss = CategoricalCrossentropy.fromLogits();
        Batch[] batches = batches(model.inputs().get(0).shape(), FULL_BATCH_LABELS, LAST_BATCH_LABELS);
        try (TfBackend backend = new TfBackend()) {
            Map<String, HostTensor> weights;
            Map<String, HostTensor> state;
            Map<String, HostTensor> uninterrupted;
            StepResult expected;
            try (TrainingStep step = backend.trainingStep(model, loss, Adam.of()).orElseThrow()) {
                step.step(batches[0].images(), batches[0].labels(), batches[0].dropoutSeed());
                step.step(batches[1].images(), batches[1].labels(), batches[1].dropoutSeed());
                weights = step.weights();
                state = step.optimizerState();
                expected = step.step(batches[2].images(), batches[2].labels(), batches[2].dropoutSeed());
                uninterrupted = step.weights();
            }
            assertThat(state.keySet()).contains(Optimizer.ITERATIONS, "momentum/logits/kernel",
                    "velocity/stem_conv/kernel");
            Model reloaded = ContractModels.smallTrainingNet();
            weights.forEach(reloaded.parameters()::set);
            try (TrainingStep resumed = backend.trainingStep(reloaded, loss, Adam.of()).orElseThrow()) {
                resumed.loadOptimizerState(state);
                StepResult actual = resumed.step(batches[2].images(), batches[2].labels(), batches[2].dropoutSeed());
                assertThat(actual.loss()).isEqualTo(expected.loss());
                assertThat(actual.predictions().data()).containsExactly(expected.predictions().data());
                uninterrupted.forEach((name, value) -> assertThat(resumed.weights().get(name).data()).as(name)
                        .containsExactly(value.data()));
                assertThat(resumed.optimizerState().get(Optimizer.ITERATIONS).data()).containsExactly(3f);
            }
        }
    }

    @Test
    void anotherDropoutSeed_dropsOtherValues() {
        Model model = ContractModels.smallTrainingNet();
        Batch b = batches(model.inputs().get(0).shape(), FULL_BATCH_LABELS, LAST_BATCH_LABELS)[0];
        try (TfBackend backend = new TfBackend();
                TrainingStep first = backend.trainingStep(model, CategoricalCrossentropy.fromLogits(), Sgd.of())
                        .orElseThrow();
                TrainingStep second = backend.trainingStep(model, CategoricalCrossentropy.fromLogits(), Sgd.of())
                        .orElseThrow()) {
            double seeded = first.step(b.images(), b.labels(), 1).loss();
            assertThat(second.step(b.images(), b.labels(), 2).loss()).isNotEqualTo(seeded);
        }
    }

    @Test
    void setWeights_replacesTheNamedParameters_andRefusesUnknownNames() {
        Model model = ToyClassification.model(3);
        try (TfBackend backend = new TfBackend();
                TrainingStep step = backend.trainingStep(model, CategoricalCrossentropy.of(), Adam.of())
                        .orElseThrow()) {
            HostTensor kernel = HostTensor.gaussian(model.parameters().shape("dense/kernel"), 4);
            Map<String, HostTensor> values = new LinkedHashMap<>();
            values.put("dense/kernel", kernel);
            step.setWeights(values);
            assertThat(step.weights().get("dense/kernel").data()).containsExactly(kernel.data());
            assertThat(step.weights().get("conv/kernel").data())
                    .containsExactly(model.parameters().get("conv/kernel").data());
            assertThatThrownBy(() -> step.setWeights(Map.of("nope", kernel)))
                    .hasMessage("TrainingStep.setWeights expects parameters of model \"toy\". Received: nope");
            assertThatThrownBy(() -> step.loadOptimizerState(Map.of(Optimizer.ITERATIONS, HostTensor.of(Shape.of(),
                    new float[] {1}), "moment/dense/kernel", kernel))).hasMessage("adam expects state named"
                    + " iterations or SLOT/PARAMETER with SLOT in [momentum, velocity] and PARAMETER a trainable"
                    + " parameter of model \"toy\". Received: moment/dense/kernel");
        }
    }
}
