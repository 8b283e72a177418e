package org.resnet4j.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.resnet4j.data.Dataset;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.Capability;
import org.resnet4j.tck.ToyClassification;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.ForwardingTrainingStep;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.Optimizers;
import org.resnet4j.training.Sgd;
import org.resnet4j.training.StepResult;
import org.resnet4j.training.TrainingState;
import org.resnet4j.training.TrainingStep;
import org.resnet4j.training.fit.Evaluation;
import org.resnet4j.training.fit.FitOptions;
import org.resnet4j.training.fit.History;
import org.resnet4j.training.fit.Trainer;

/**
 * {@code Trainer.compile(model, tfBackend, ...)} trains through tf's compiled step: fit and evaluate run on it (the
 * test backend counts its calls), the history and weights agree with the eager tape's, and a run resumed from the
 * state after epoch 1 repeats the uninterrupted one bit for bit (50 samples in batches of 16: each epoch ends with a
 * batch of 2, the second trace).
 */
class TfCompiledFitTest {
    private final Dataset data = ToyClassification.dataset("toy", 50, 5);
    private final Dataset validation = ToyClassification.dataset("toy/val", 12, 6);

    /** tf, with every training step it hands out counted. */
    private static final class CountingBackend implements Backend {
        private final TfBackend tf = new TfBackend();
        private final List<String> calls = new ArrayList<>();

        @Override
        public String name() {
            return tf.name();
        }

        @Override
        public Ops ops() {
            return tf.ops();
        }

        @Override
        public Set<Capability> capabilities() {
            return tf.capabilities();
        }

        @Override
        public CompiledModel compile(Model model) {
            return tf.compile(model);
        }

        @Override
        public Optional<TrainingStep> trainingStep(Model model, Loss loss, Optimizer optimizer) {
            return tf.trainingStep(model, loss, optimizer).map(step -> new ForwardingTrainingStep(step) {
                @Override
                public StepResult step(HostTensor images, int[] labels, long dropoutSeed) {
                    calls.add(step.getClass().getSimpleName() + ".step");
                    return super.step(images, labels, dropoutSeed);
                }

                @Override
                public HostTensor predict(HostTensor images) {
                    calls.add(step.getClass().getSimpleName() + ".predict");
                    return super.predict(images);
                }
            });
        }

        @Override
        public void close() {
            tf.close();
        }
    }

    private static FitOptions options(int epochs) {
        return FitOptions.of().withBatchSize(16).withEpochs(epochs).withSeed(11);
    }

    private record Run(Map<String, List<Double>> history, Map<String, HostTensor> weights, TrainingState state,
            Evaluation evaluation) {
    }

    private Run fit(Trainer trainer, FitOptions options) {
        try (trainer) {
            History history = trainer.fit(data, options.withValidationData(validation));
            Map<String, List<Double>> values = new LinkedHashMap<>(history.history());
            values.remove(History.SECONDS);
            return new Run(values, trainer.weights(), trainer.trainingState(), trainer.evaluate(validation, 5));
        }
    }

    @Test
    void fitAndEvaluate_onTf_runOnTheCompiledStep_andLearn() {
        try (CountingBackend backend = new CountingBackend()) {
            Run run = fit(Trainer.compile(ToyClassification.model(7), backend, CategoricalCrossentropy.of(),
                    Adam.of().withLearningRate(0.02), Accuracy.of()), options(3));
            // 3 epochs of 4 steps; validation after each epoch (12 samples in batches of 16) and the last evaluate
            // (batches of 5)
            assertThat(run.state().iterations()).isEqualTo(12);
            assertThat(backend.calls.stream().filter(c -> c.equals("TfTrainingStep.step"))).hasSize(12);
            assertThat(backend.calls.stream().filter(c -> c.equals("TfTrainingStep.predict"))).hasSize(3 + 3);
            assertThat(backend.calls).allMatch(c -> c.startsWith("TfTrainingStep."));
            List<Double> losses = run.history().get("loss");
            assertThat(losses.get(2)).isLessThan(losses.get(0));
            assertThat(run.evaluation().metric("accuracy")).isGreaterThan(0.5);
        }
    }

    @Test
    void compiledFit_givesTheTapesHistoryAndWeights_withinFloat32Rounding() {
        Run compiled;
        Run tape;
        try (TfBackend backend = new TfBackend()) {
            // SGD: Adam would turn the convolution bias's noise-only gradient (zero in exact arithmetic, before a
            // batch norm) into steps of +-lr, which then reach the validation loss through the moving mean
            compiled = fit(Trainer.compile(ToyClassification.model(7), backend, CategoricalCrossentropy.of(),
                    Sgd.of(0.1).withMomentum(0.9).withNesterov(), Accuracy.of()), options(2));
            tape = fit(Trainer.compile(ToyClassification.model(7), backend.ops(), CategoricalCrossentropy.of(),
                    Sgd.of(0.1).withMomentum(0.9).withNesterov(), Accuracy.of()), options(2));
        }
        for (String key : tape.history().keySet()) {
            List<Double> expected = tape.history().get(key);
            List<Double> actual = compiled.history().get(key);
            for (int e = 0; e < expected.size(); e++) {
                assertThat(actual.get(e)).as(key + " of epoch " + e).isCloseTo(expected.get(e), within(1e-4));
            }
        }
        double largest = org.resnet4j.tck.TrainingRun.largestError(withoutNoise(compiled.weights(), tape.weights()),
                withoutNoise(tape.weights(), tape.weights()));
        assertThat(largest).as("largest relative L2 error of the weights after 8 steps").isLessThan(1e-4);
        assertThat(compiled.evaluation().loss()).isCloseTo(tape.evaluation().loss(), within(1e-4));
    }

    /** {@code weights} but the convolution's bias before the batch norm, which moves by rounding noise only. */
    private static Map<String, HostTensor> withoutNoise(Map<String, HostTensor> weights,
            Map<String, HostTensor> reference) {
        Map<String, HostTensor> kept = new LinkedHashMap<>(weights);
        kept.keySet().retainAll(reference.keySet());
        kept.remove("conv/bias");
        return kept;
    }

    @Test
    void resumingAfterEpoch1_onTheCompiledStep_continuesExactlyAsTheUninterruptedRun() {
        try (TfBackend backend = new TfBackend()) {
            Run whole = fit(Trainer.compile(ToyClassification.model(7), backend, CategoricalCrossentropy.of(),
                    Adam.of().withLearningRate(0.02), Accuracy.of()), options(2));

            Model model = ToyClassification.model(7);
            Run firstHalf = fit(Trainer.compile(model, backend, CategoricalCrossentropy.of(),
                    Adam.of().withLearningRate(0.02), Accuracy.of()), options(1));
            TrainingState state = firstHalf.state();
            assertThat(state.optimizerState()).containsKeys(Optimizer.ITERATIONS, "momentum/dense/kernel",
                    "velocity/conv/kernel");
            Model reloaded = ToyClassification.model(99);
            model.parameters().asMap().forEach(reloaded.parameters()::set); // fit synchronised the model
            Trainer resumed = Trainer.compile(reloaded, backend, CategoricalCrossentropy.of(),
                    Optimizers.fromConfig(state.optimizer()), Accuracy.of());
            resumed.restore(state);
            Run secondHalf = fit(resumed, options(2).withSeed(state.seed()).withInitialEpoch(state.epoch()));

            whole.weights().forEach((name, value) -> assertThat(secondHalf.weights().get(name).data()).as(name)
                    .containsExactly(value.data()));
            for (String key : whole.history().keySet()) {
                assertThat(secondHalf.history().get(key)).as(key).containsExactly(whole.history().get(key).get(1));
            }
            assertThat(secondHalf.state().iterations()).isEqualTo(8);
        }
    }
}
