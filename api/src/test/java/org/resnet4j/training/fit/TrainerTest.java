package org.resnet4j.training.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.data.Dataset;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.TrainingNotSupportedException;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tck.ReferenceTrainingOps;
import org.resnet4j.tck.ToyClassification;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.Sgd;
import org.resnet4j.training.SparseCategoricalCrossentropy;

/** compile/fit/evaluate on the float32 reference: learning, validation, inference mode and the errors. */
class TrainerTest {
    private final ReferenceTrainingOps ops = new ReferenceTrainingOps();

    private Trainer compile(Model model) {
        return Trainer.compile(model, ops, CategoricalCrossentropy.of(), Adam.of().withLearningRate(0.02),
                Accuracy.of());
    }

    @Test
    void fit_onALearnableToyProblem_lossFallsAndAccuracyRises() {
        Dataset train = ToyClassification.dataset("toy/train", 96, 1);
        Dataset test = ToyClassification.dataset("toy/test", 60, 2);
        try (Trainer trainer = compile(ToyClassification.model(7))) {
            Evaluation before = trainer.evaluate(test, 32);
            History history = trainer.fit(train, FitOptions.of().withBatchSize(16).withEpochs(6));
            List<Double> loss = history.get("loss");
            assertThat(loss).hasSize(6);
            assertThat(loss.get(5)).isLessThan(loss.get(0) * 0.5);
            assertThat(history.get("accuracy").get(5)).isGreaterThan(history.get("accuracy").get(0))
                    .isGreaterThanOrEqualTo(0.9);
            Evaluation after = trainer.evaluate(test, 32);
            assertThat(after.loss()).isLessThan(before.loss() * 0.5);
            assertThat(after.metric("accuracy")).isGreaterThanOrEqualTo(0.9);
            assertThat(after.samples()).isEqualTo(60);
        }
    }

    @Test
    void fit_sparseLabelsLoss_trainsTheSameAsOneHotTargets() {
        Dataset train = ToyClassification.dataset("toy/train", 40, 1);
        Map<String, List<Double>> oneHot;
        try (Trainer trainer = compile(ToyClassification.model(7))) {
            oneHot = trainer.fit(train, FitOptions.of().withBatchSize(16).withEpochs(2)).history();
        }
        try (Trainer trainer = Trainer.compile(ToyClassification.model(7), ops, SparseCategoricalCrossentropy.of(),
                Adam.of().withLearningRate(0.02), Accuracy.of())) {
            Map<String, List<Double>> sparse = trainer.fit(train, FitOptions.of().withBatchSize(16).withEpochs(2))
                    .history();
            assertThat(sparse.get("loss")).isEqualTo(oneHot.get("loss"));
            assertThat(sparse.get("accuracy")).isEqualTo(oneHot.get("accuracy"));
        }
    }

    @Test
    void fit_leavesTheTrainedWeightsInTheModelsParameterStore() {
        Model model = ToyClassification.model(7);
        HostTensor initial = model.parameters().get("dense/kernel");
        try (Trainer trainer = compile(model)) {
            trainer.fit(ToyClassification.dataset("toy", 32, 1), FitOptions.of().withBatchSize(16));
            assertThat(model.parameters().get("dense/kernel").data()).isNotEqualTo(initial.data())
                    .containsExactly(trainer.weights().get("dense/kernel").data());
            assertThat(model.parameters().get("bn/moving_mean").data())
                    .containsExactly(trainer.weights().get("bn/moving_mean").data());
        }
    }

    @Test
    void validationSplit_holdsOutTheLastFractionBeforeShuffling() {
        Dataset data = ToyClassification.dataset("toy", 100, 3);
        List<TrainingPlan> plans = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        Callback spy = new Callback() {
            @Override
            public void onTrainBegin(Trainer trainer, TrainingPlan plan) {
                plans.add(plan);
            }

            @Override
            public void onBatchEnd(Trainer trainer, BatchProgress progress) {
                seen.add(progress.samplesSeen());
            }
        };
        try (Trainer trainer = compile(ToyClassification.model(7))) {
            History history = trainer.fit(data, FitOptions.of().withBatchSize(32).withValidationSplit(0.15)
                    .withCallbacks(spy));
            // floor(100 * 0.15) = 15 held out: 85 trained in batches of 32, 32, 21
            assertThat(plans).containsExactly(new TrainingPlan(0, 1, 32, 3, 85, 15));
            assertThat(seen).containsExactly(32, 64, 85);
            Evaluation lastFifteen = trainer.evaluate(data.slice(85, 100), 32);
            assertThat(history.get("val_loss")).containsExactly(lastFifteen.loss());
            assertThat(history.get("val_accuracy")).containsExactly(lastFifteen.metric("accuracy"));
            assertThat(history.history().keySet()).containsExactly("loss", "accuracy", "val_loss", "val_accuracy",
                    History.LEARNING_RATE, History.SECONDS);
        }
    }

    @Test
    void explicitValidationData_isEvaluatedAfterEveryEpoch() {
        Dataset validation = ToyClassification.dataset("toy/val", 20, 4);
        try (Trainer trainer = compile(ToyClassification.model(7))) {
            History history = trainer.fit(ToyClassification.dataset("toy", 40, 3), FitOptions.of()
                    .withBatchSize(16).withEpochs(2).withValidationData(validation));
            assertThat(history.get("val_loss")).hasSize(2);
            assertThat(history.get("val_loss").get(1)).isEqualTo(trainer.evaluate(validation, 16).loss());
        }
    }

    @Test
    void evaluate_runsInInferenceMode_withTheMovingStatisticsAndNoDropout() {
        Dataset test = ToyClassification.dataset("toy/test", 30, 2);
        Model model = ToyClassification.model(7);
        try (Trainer trainer = compile(model)) {
            trainer.fit(ToyClassification.dataset("toy", 48, 1), FitOptions.of().withBatchSize(16).withEpochs(2));
            Evaluation first = trainer.evaluate(test, 7);
            Evaluation whole = trainer.evaluate(test, 30); // batching does not matter: no batch statistics
            assertThat(whole.metrics()).isEqualTo(first.metrics());
            assertThat(whole.loss()).isCloseTo(first.loss(), within(1e-12));
            // independently: the synchronised model run on plain (inference-mode) reference ops, accuracy by hand
            ReferenceOps plain = new ReferenceOps();
            Map<String, Tensor> weights = new LinkedHashMap<>();
            model.parameters().asMap().forEach((name, value) -> weights.put(name, plain.upload(value)));
            float[] images = new float[test.size() * 16];
            for (int i = 0; i < test.size(); i++) {
                test.copySample(i, images, i * 16);
            }
            Tensor out = model.forward(plain, weights, List.of(plain.upload(HostTensor.of(Shape.of(30, 4, 4, 1),
                    images)))).get(0);
            float[] p = plain.download(out).data();
            int correct = 0;
            double loss = 0;
            for (int i = 0; i < test.size(); i++) {
                int best = 0;
                for (int c = 1; c < 3; c++) {
                    best = p[i * 3 + c] > p[i * 3 + best] ? c : best;
                }
                correct += best == test.label(i) ? 1 : 0;
                loss -= Math.log(p[i * 3 + test.label(i)]);
            }
            assertThat(first.metric("accuracy")).isEqualTo(correct / 30.0);
            assertThat(first.loss()).isCloseTo(loss / 30, within(1e-5));
        }
    }

    @Test
    void evaluation_printsLossAndMetricsAsNameEqualsValue() {
        assertThat(new Evaluation(0.28714, Map.of("accuracy", 0.91234), 10)).hasToString(
                "loss=0.2871 accuracy=0.9123");
    }

    @Test
    void samplesOfAnotherShape_nameTheModelInputAndBothShapes() {
        Dataset wrong = Dataset.of("digits", Shape.of(5, 5, 1), new float[2 * 25], new int[2], 3);
        try (Trainer trainer = compile(ToyClassification.model(7))) {
            assertThatThrownBy(() -> trainer.fit(wrong, FitOptions.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Trainer.fit expects samples of shape [4, 4, 1] (input \"pixels\" of model \"toy\")."
                            + " Received: dataset \"digits\" with samples of shape [5, 5, 1]");
            assertThatThrownBy(() -> trainer.evaluate(wrong, 8))
                    .hasMessageStartingWith("Trainer.evaluate expects samples of shape [4, 4, 1]");
        }
    }

    @Test
    void aLabelBeyondTheModelsClasses_isRefusedBeforeTraining() {
        Dataset tooMany = Dataset.of("ten-classes", Shape.of(4, 4, 1), new float[3 * 16], new int[] {0, 2, 3}, 10);
        Model model = ToyClassification.model(7);
        HostTensor before = model.parameters().get("dense/kernel");
        try (Trainer trainer = compile(model)) {
            assertThatThrownBy(() -> trainer.fit(tooMany, FitOptions.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Trainer.fit expects labels in [0, 3) (the classes of output \"predictions\" of model"
                            + " \"toy\"). Received: label 3 at sample 2 of dataset \"ten-classes\"");
            assertThat(trainer.weights().get("dense/kernel").data()).containsExactly(before.data());
        }
    }

    @Test
    void badOptions_areRefusedWithTheirValues() {
        assertThatThrownBy(() -> FitOptions.of().withBatchSize(0))
                .hasMessage("FitOptions expects a batch size >= 1. Received: 0");
        assertThatThrownBy(() -> FitOptions.of().withValidationSplit(1.0))
                .hasMessage("FitOptions expects a validationSplit in [0, 1). Received: 1.0");
        assertThatThrownBy(() -> FitOptions.of().withValidationSplit(-0.1))
                .hasMessage("FitOptions expects a validationSplit in [0, 1). Received: -0.1");
        assertThatThrownBy(() -> FitOptions.of().withEpochs(0))
                .hasMessage("FitOptions expects epochs >= 1. Received: 0");
        assertThatThrownBy(() -> FitOptions.of().withValidationSplit(0.1)
                .withValidationData(ToyClassification.dataset("v", 2, 1)))
                .hasMessage("FitOptions expects either a validationSplit or validation data, not both");
        try (Trainer trainer = compile(ToyClassification.model(7))) {
            assertThatThrownBy(() -> trainer.evaluate(ToyClassification.dataset("t", 2, 1), 0))
                    .hasMessage("Trainer.evaluate expects a batch size >= 1. Received: 0");
            assertThatThrownBy(() -> trainer.fit(ToyClassification.dataset("empty", 0, 1),
                    FitOptions.of().withValidationSplit(0.5)))
                    .hasMessage("Trainer.fit expects at least one training sample. Received: dataset \"empty\" with 0"
                            + " samples and validationSplit 0.5");
        }
    }

    @Test
    void opsThatCannotTrain_sayTrainingIsNotSupported() {
        assertThatThrownBy(() -> Trainer.compile(ToyClassification.model(7), new ReferenceOps(),
                CategoricalCrossentropy.of(), Sgd.of()))
                .isInstanceOf(TrainingNotSupportedException.class)
                .hasMessageStartingWith("Training not supported by ReferenceOps");
    }
}
