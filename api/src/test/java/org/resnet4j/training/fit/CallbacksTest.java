package org.resnet4j.training.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.data.Dataset;
import org.resnet4j.tck.ReferenceTrainingOps;
import org.resnet4j.tck.ToyClassification;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.Metric;
import org.resnet4j.training.Sgd;
import org.resnet4j.training.StepDecay;
import org.resnet4j.training.TrainingState;

/** The callbacks: the order of events, early stopping, checkpoints and learning-rate schedules. */
class CallbacksTest {
    private final ReferenceTrainingOps ops = new ReferenceTrainingOps();
    private final Dataset data = ToyClassification.dataset("toy", 40, 5);

    /** A metric that never changes, so that a monitor on it never improves after the first epoch. */
    private static final Metric FLAT = new Metric() {
        @Override
        public String name() {
            return "flat";
        }

        @Override
        public double sum(HostTensor predictions, int[] labels) {
            return 0;
        }
    };

    private Trainer compile() {
        return Trainer.compile(ToyClassification.model(7), ops, CategoricalCrossentropy.of(),
                Adam.of().withLearningRate(0.02), Accuracy.of(), FLAT);
    }

    @Test
    void events_fireInKerasOrder_withRunningLossAndSamplesSeen() {
        List<String> events = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onTrainBegin(Trainer trainer, TrainingPlan plan) {
                events.add("train begin " + plan.batchesPerEpoch() + " batches");
            }

            @Override
            public void onEpochBegin(Trainer trainer, int epoch) {
                events.add("epoch begin " + epoch);
            }

            @Override
            public void onBatchBegin(Trainer trainer, int epoch, int batch, long iteration) {
                events.add("batch begin " + epoch + "/" + batch + " it " + iteration);
            }

            @Override
            public void onBatchEnd(Trainer trainer, BatchProgress p) {
                events.add("batch end " + p.epoch() + "/" + p.batch() + " it " + p.iteration() + " seen "
                        + p.samplesSeen() + "/" + p.samples());
            }

            @Override
            public void onEpochEnd(Trainer trainer, EpochLogs logs) {
                events.add("epoch end " + logs.epoch() + " " + logs.values().keySet());
            }

            @Override
            public void onTrainEnd(Trainer trainer, History history) {
                events.add("train end " + history.epochs());
            }
        };
        try (Trainer trainer = compile()) {
            // 40 samples, validation 0.2: 32 train in batches of 16
            trainer.fit(data, FitOptions.of().withBatchSize(16).withEpochs(2).withValidationSplit(0.2)
                    .withCallbacks(recorder));
        }
        String logs = " [loss, accuracy, flat, val_loss, val_accuracy, val_flat]";
        assertThat(events).containsExactly(
                "train begin 2 batches",
                "epoch begin 0",
                "batch begin 0/0 it 0", "batch end 0/0 it 1 seen 16/32",
                "batch begin 0/1 it 1", "batch end 0/1 it 2 seen 32/32",
                "epoch end 0" + logs,
                "epoch begin 1",
                "batch begin 1/0 it 2", "batch end 1/0 it 3 seen 16/32",
                "batch begin 1/1 it 3", "batch end 1/1 it 4 seen 32/32",
                "epoch end 1" + logs,
                "train end [0, 1]");
    }

    @Test
    void batchProgress_lossIsTheSampleWeightedMeanOfTheBatchLosses_andTheEpochLogsEndThere() {
        List<BatchProgress> progress = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onBatchEnd(Trainer trainer, BatchProgress p) {
                progress.add(p);
            }
        };
        try (Trainer trainer = compile()) {
            History history = trainer.fit(data, FitOptions.of().withBatchSize(16).withCallbacks(recorder));
            // batches of 16, 16 and 8: the epoch's loss weighs the last batch half
            assertThat(progress).hasSize(3);
            assertThat(progress.get(2).loss()).isEqualTo(history.get("loss").get(0));
            assertThat(progress.get(2).metrics().get("accuracy")).isEqualTo(history.get("accuracy").get(0));
            double first = progress.get(0).loss();
            double second = progress.get(1).loss() * 32 - first * 16;
            double third = progress.get(2).loss() * 40 - progress.get(1).loss() * 32;
            assertThat(history.get("loss").get(0)).isCloseTo((first * 16 + second + third) / 40, within(1e-12));
        }
    }

    @Test
    void earlyStopping_stopsAfterPatienceEpochsWithoutImprovement_andRestoresTheBestWeights() {
        List<Map<String, HostTensor>> afterEpoch = new ArrayList<>();
        Callback snapshot = new Callback() {
            @Override
            public void onEpochEnd(Trainer trainer, EpochLogs logs) {
                afterEpoch.add(trainer.weights());
            }
        };
        EarlyStopping stopping = EarlyStopping.of("flat", 2).withRestoreBestWeights();
        try (Trainer trainer = compile()) {
            History history = trainer.fit(data, FitOptions.of().withBatchSize(16).withEpochs(10)
                    .withCallbacks(snapshot, stopping));
            // epoch 0 sets the best; epochs 1 and 2 do not improve; patience 2 stops after epoch 2
            assertThat(history.epochs()).containsExactly(0, 1, 2);
            assertThat(stopping.stoppedEpoch()).isEqualTo(2);
            assertThat(stopping.bestEpoch()).isZero();
            assertThat(trainer.weights().get("dense/kernel").data())
                    .containsExactly(afterEpoch.get(0).get("dense/kernel").data())
                    .isNotEqualTo(afterEpoch.get(2).get("dense/kernel").data());
        }
    }

    @Test
    void earlyStopping_onAnImprovingLoss_letsTrainingRunToTheEnd() {
        EarlyStopping stopping = EarlyStopping.of("loss", 1);
        try (Trainer trainer = compile()) {
            History history = trainer.fit(data, FitOptions.of().withBatchSize(8).withEpochs(4)
                    .withCallbacks(stopping));
            assertThat(history.epochs()).containsExactly(0, 1, 2, 3);
            assertThat(stopping.stoppedEpoch()).isEqualTo(-1);
        }
    }

    @Test
    void earlyStopping_withAMinDeltaLargerThanAnyChange_stopsAfterPatience() {
        EarlyStopping stopping = EarlyStopping.of("loss", 1).withMinDelta(100);
        try (Trainer trainer = compile()) {
            History history = trainer.fit(data, FitOptions.of().withBatchSize(8).withEpochs(5)
                    .withCallbacks(stopping));
            assertThat(history.epochs()).containsExactly(0, 1);
        }
    }

    @Test
    void aMonitorThatIsNotLogged_namesWhatIsLogged() {
        try (Trainer trainer = compile()) {
            assertThatThrownBy(() -> trainer.fit(data, FitOptions.of().withCallbacks(EarlyStopping.of("val_loss", 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("EarlyStopping monitors \"val_loss\", which this fit does not log. Logged: [loss,"
                            + " accuracy, flat]; validation logs (val_*) need validation data or a validationSplit");
        }
    }

    @Test
    void modelCheckpoint_saveBestOnly_writesWhenTheMonitorImproves_withTheWeightsAndStateOfThatEpoch() {
        List<String> writes = new ArrayList<>();
        List<Map<String, HostTensor>> written = new ArrayList<>();
        CheckpointWriter writer = (file, model, state) -> {
            writes.add(file + " epoch " + state.epoch() + " iterations " + state.iterations() + " seed "
                    + state.seed() + " " + state.optimizer().get("name"));
            written.add(model.parameters().asMap());
            assertThat(state.optimizerState()).containsKeys("iterations", "momentum/dense/kernel",
                    "velocity/bn/gamma");
        };
        List<Map<String, HostTensor>> onBackend = new ArrayList<>();
        Callback snapshot = new Callback() {
            @Override
            public void onEpochEnd(Trainer trainer, EpochLogs logs) {
                onBackend.add(trainer.weights());
            }
        };
        ModelCheckpoint best = ModelCheckpoint.to(Path.of("best.safetensors"), writer)
                .monitoring("flat", MonitorMode.MAX).withSaveBestOnly();
        try (Trainer trainer = compile()) {
            trainer.fit(data, FitOptions.of().withBatchSize(20).withEpochs(3).withSeed(9)
                    .withCallbacks(snapshot, best));
        }
        // "flat" improves once (epoch 0, from -infinity): one write, after 1 epoch of 2 steps
        assertThat(writes).containsExactly("best.safetensors epoch 1 iterations 2 seed 9 adam");
        assertThat(best.savedCount()).isOne();
        assertThat(written.get(0).get("dense/kernel").data()).containsExactly(onBackend.get(0).get("dense/kernel")
                .data());
        assertThat(written.get(0).get("bn/moving_variance").data()).containsExactly(
                onBackend.get(0).get("bn/moving_variance").data());
    }

    @Test
    void modelCheckpoint_everyEpoch_writesAfterEachEpoch() {
        List<Integer> epochs = new ArrayList<>();
        CheckpointWriter writer = (file, model, state) -> epochs.add(state.epoch());
        try (Trainer trainer = compile()) {
            trainer.fit(data, FitOptions.of().withBatchSize(20).withEpochs(3).withValidationSplit(0.25)
                    .withCallbacks(ModelCheckpoint.to(Path.of("last"), writer)));
        }
        assertThat(epochs).containsExactly(1, 2, 3);
    }

    @Test
    void learningRateScheduler_perIteration_setsTheRateOfEachStepFromTheStepsTaken() {
        List<Double> rates = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onBatchEnd(Trainer trainer, BatchProgress p) {
                rates.add(trainer.optimizer().learningRate());
            }
        };
        try (Trainer trainer = Trainer.compile(ToyClassification.model(7), ops, CategoricalCrossentropy.of(),
                Sgd.of(0.5), Accuracy.of())) {
            // 40 samples in batches of 10: 4 steps per epoch; the rate drops 10x once 3 and 5 steps are done
            History history = trainer.fit(data, FitOptions.of().withBatchSize(10).withEpochs(2).withCallbacks(
                    LearningRateScheduler.perIteration(StepDecay.of(0.1, 0.1, 3, 5)), recorder));
            assertThat(array(rates)).containsExactly(new double[] {0.1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001, 0.001},
                    within(1e-8));
            assertThat(array(history.get(History.LEARNING_RATE))).containsExactly(new double[] {0.01, 0.001},
                    within(1e-8));
        }
    }

    @Test
    void learningRateScheduler_perEpoch_setsTheRateAtEachEpochsStart() {
        List<Double> rates = new ArrayList<>();
        try (Trainer trainer = Trainer.compile(ToyClassification.model(7), ops, CategoricalCrossentropy.of(),
                Sgd.of(0.5), Accuracy.of())) {
            History history = trainer.fit(data, FitOptions.of().withBatchSize(20).withEpochs(3).withCallbacks(
                    LearningRateScheduler.perEpoch(epoch -> 0.1 / (epoch + 1))));
            rates.addAll(history.get(History.LEARNING_RATE));
        }
        assertThat(array(rates)).containsExactly(new double[] {0.1, 0.05, 0.1 / 3}, within(1e-8));
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void theLearningRateSet_isTheOneTheStepUses() {
        // SGD without momentum: w1 - w0 = -lr * g, so halving the rate halves the first step exactly (same g)
        float[] full = firstStepOfDenseBias(0.1);
        float[] half = firstStepOfDenseBias(0.05);
        for (int i = 0; i < full.length; i++) {
            assertThat(half[i]).isCloseTo(full[i] / 2, within(1e-6f));
        }
    }

    private float[] firstStepOfDenseBias(double rate) {
        try (Trainer trainer = Trainer.compile(ToyClassification.model(7), ops, CategoricalCrossentropy.of(),
                Sgd.of(1.0), Accuracy.of())) {
            float[] before = trainer.weights().get("dense/bias").data();
            trainer.fit(data.limit(8), FitOptions.of().withBatchSize(8).withCallbacks(
                    LearningRateScheduler.perIteration(step -> rate)));
            float[] after = trainer.weights().get("dense/bias").data();
            float[] delta = new float[after.length];
            for (int i = 0; i < after.length; i++) {
                delta[i] = after[i] - before[i];
            }
            assertThat(delta).isNotEqualTo(new float[after.length]);
            return delta;
        }
    }

    @Test
    void trainingState_recordsTheCompletedEpochsAndTheOptimizer() {
        try (Trainer trainer = compile()) {
            trainer.fit(data, FitOptions.of().withBatchSize(20).withEpochs(2).withSeed(3));
            TrainingState state = trainer.trainingState();
            assertThat(state.epoch()).isEqualTo(2);
            assertThat(state.iterations()).isEqualTo(4);
            assertThat(state.seed()).isEqualTo(3);
            assertThat(state.optimizer()).containsEntry("name", "adam").containsEntry("learning_rate",
                    (double) 0.02f);
            assertThat(state.optimizerState().get("iterations").data()).containsExactly(4f);
        }
    }
}
