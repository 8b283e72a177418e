package org.resnet4j.training.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.data.Dataset;
import org.resnet4j.nn.Model;
import org.resnet4j.tck.ReferenceTrainingOps;
import org.resnet4j.tck.ToyClassification;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.CosineDecay;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.Optimizers;
import org.resnet4j.training.Sgd;
import org.resnet4j.training.TrainingState;

/**
 * The same seed gives the same run, bit for bit, and a run resumed from the state after epoch k continues as the
 * uninterrupted one (on the float32 reference; the file round trip is tested in resnet-models).
 */
class ReproducibilityTest {
    private final ReferenceTrainingOps ops = new ReferenceTrainingOps();
    private final Dataset data = ToyClassification.dataset("toy", 50, 5);
    private final Dataset validation = ToyClassification.dataset("toy/val", 12, 6);

    /** Nesterov SGD with momentum and a cosine schedule, shuffled, with dropout: every source of state and chance. */
    private static Optimizer optimizer() {
        return Sgd.of(0.1).withMomentum(0.9).withNesterov();
    }

    private static FitOptions options(long seed, int epochs) {
        return FitOptions.of().withBatchSize(16).withEpochs(epochs).withSeed(seed).withValidationData(
                ToyClassification.dataset("toy/val", 12, 6)).withCallbacks(
                LearningRateScheduler.perIteration(CosineDecay.of(0.1, 12)));
    }

    private record Run(Map<String, List<Double>> history, Map<String, HostTensor> weights, TrainingState state) {
    }

    private Run train(Model model, Optimizer optimizer, FitOptions options, TrainingState resumeFrom) {
        try (Trainer trainer = Trainer.compile(model, ops, CategoricalCrossentropy.of(), optimizer, Accuracy.of())) {
            if (resumeFrom != null) {
                trainer.restore(resumeFrom);
            }
            History history = trainer.fit(data, options);
            Map<String, List<Double>> values = new LinkedHashMap<>(history.history());
            values.remove(History.SECONDS);
            return new Run(values, trainer.weights(), trainer.trainingState());
        }
    }

    @Test
    void theSameSeed_givesTheSameHistoryAndWeights_bitForBit() {
        Run first = train(ToyClassification.model(7), optimizer(), options(11, 2), null);
        Run second = train(ToyClassification.model(7), optimizer(), options(11, 2), null);
        assertThat(second.history()).isEqualTo(first.history());
        first.weights().forEach((name, value) -> assertThat(second.weights().get(name).data()).as(name)
                .containsExactly(value.data()));
    }

    @Test
    void anotherSeed_shufflesAndDropsDifferently() {
        Run first = train(ToyClassification.model(7), optimizer(), options(11, 1), null);
        Run other = train(ToyClassification.model(7), optimizer(), options(12, 1), null);
        assertThat(other.weights().get("dense/kernel").data()).isNotEqualTo(first.weights().get("dense/kernel")
                .data());
    }

    @Test
    void resumingAfterEpoch1_continuesExactlyAsTheUninterruptedRun() {
        Run whole = train(ToyClassification.model(7), optimizer(), options(11, 2), null);

        Model model = ToyClassification.model(7);
        Run firstHalf = train(model, optimizer(), options(11, 1), null);
        assertThat(firstHalf.state().epoch()).isEqualTo(1);
        // what a checkpoint carries: the model's weights (synchronised by fit), the state; a fresh optimizer object
        Model reloaded = ToyClassification.model(99);
        model.parameters().asMap().forEach(reloaded.parameters()::set);
        Optimizer rebuilt = Optimizers.fromConfig(firstHalf.state().optimizer());
        TrainingState state = firstHalf.state();
        Run secondHalf = train(reloaded, rebuilt, options(state.seed(), 2).withInitialEpoch(state.epoch()), state);

        whole.weights().forEach((name, value) -> assertThat(secondHalf.weights().get(name).data()).as(name)
                .containsExactly(value.data()));
        for (String key : whole.history().keySet()) {
            assertThat(secondHalf.history().get(key)).as(key).containsExactly(whole.history().get(key).get(1));
        }
        assertThat(secondHalf.state().iterations()).isEqualTo(whole.state().iterations()).isEqualTo(8);
    }
}
