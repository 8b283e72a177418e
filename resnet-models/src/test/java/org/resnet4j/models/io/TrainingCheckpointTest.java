package org.resnet4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnet4j.Backends;
import org.resnet4j.data.Dataset;
import org.resnet4j.io.Safetensors;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.ReferenceTrainingOps;
import org.resnet4j.tck.ToyClassification;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.Optimizers;
import org.resnet4j.training.TrainingState;
import org.resnet4j.training.fit.FitOptions;
import org.resnet4j.training.fit.History;
import org.resnet4j.training.fit.ModelCheckpoint;
import org.resnet4j.training.fit.Trainer;

/**
 * Checkpoints in ResNet4J's model file: fit(2 epochs) equals fit(1 epoch), checkpoint, load, fit(resume to 2), bit
 * for bit, on the float32 reference, nd4j and tf; checkpoints and plain model files load either way.
 */
class TrainingCheckpointTest {
    @TempDir
    Path dir;

    private final Dataset data = ToyClassification.dataset("toy", 50, 5);

    /** Compiles a trainer for a model and an optimizer on the backend under test. */
    private interface Compiler extends BiFunction<Model, Optimizer, Trainer> {
    }

    private static FitOptions options(int epochs) {
        return FitOptions.of().withBatchSize(16).withEpochs(epochs).withSeed(11)
                .withValidationData(ToyClassification.dataset("toy/val", 12, 6));
    }

    private record Run(Map<String, List<Double>> history, Map<String, HostTensor> weights) {
    }

    private Run fit(Trainer trainer, FitOptions options) {
        try (trainer) {
            History history = trainer.fit(data, options);
            Map<String, List<Double>> values = new LinkedHashMap<>(history.history());
            values.remove(History.SECONDS);
            return new Run(values, trainer.weights());
        }
    }

    private void assertResumeReproducesTheUninterruptedRun(Compiler compiler) {
        Run whole = fit(compiler.apply(ToyClassification.model(7), Adam.of().withLearningRate(0.02)), options(2));

        Path file = dir.resolve("checkpoint.safetensors");
        fit(compiler.apply(ToyClassification.model(7), Adam.of().withLearningRate(0.02)), options(1)
                .withCallbacks(ModelCheckpoint.to(file, TrainingCheckpoint.writer())));
        TrainingCheckpoint checkpoint = TrainingCheckpoint.load(file);
        TrainingState state = checkpoint.state().orElseThrow();
        assertThat(state.epoch()).isEqualTo(1);
        assertThat(state.iterations()).isEqualTo(4);
        assertThat(state.seed()).isEqualTo(11);
        Trainer resumed = compiler.apply(checkpoint.model(), Optimizers.fromConfig(state.optimizer()));
        resumed.restore(state);
        Run secondHalf = fit(resumed, options(2).withSeed(state.seed()).withInitialEpoch(state.epoch()));

        whole.weights().forEach((name, value) -> assertThat(secondHalf.weights().get(name).data()).as(name)
                .containsExactly(value.data()));
        for (String key : whole.history().keySet()) {
            assertThat(secondHalf.history().get(key)).as(key).containsExactly(whole.history().get(key).get(1));
        }
    }

    @Test
    void resumingFromACheckpointFile_reproducesTheUninterruptedRun_onTheReference() {
        ReferenceTrainingOps ops = new ReferenceTrainingOps();
        assertResumeReproducesTheUninterruptedRun((model, optimizer) -> Trainer.compile(model, ops,
                CategoricalCrossentropy.of(), optimizer, Accuracy.of()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nd4j", "tf"})
    void resumingFromACheckpointFile_reproducesTheUninterruptedRun_onTheCpuBackends(String name) {
        BackendProvider provider = Backends.providers().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow();
        Availability availability = provider.probe();
        assumeTrue(availability.available(), () -> name + " cannot run here: " + availability.reason());
        try (Backend backend = Backends.get(name)) {
            assertResumeReproducesTheUninterruptedRun((model, optimizer) -> Trainer.compile(model, backend,
                    CategoricalCrossentropy.of(), optimizer, Accuracy.of()));
        }
    }

    @Test
    void aCheckpoint_holdsTheOptimizerStateAndTrainingEntry_andLoadsAsAPlainModelFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Model model = ToyClassification.model(7);
        try (Trainer trainer = Trainer.compile(model, new ReferenceTrainingOps(), CategoricalCrossentropy.of(),
                Adam.of(), Accuracy.of())) {
            trainer.fit(data, FitOptions.of().withBatchSize(25).withCallbacks(ModelCheckpoint.to(file,
                    TrainingCheckpoint.writer())));
        }
        Map<String, String> metadata = Safetensors.readMetadata(file);
        assertThat(metadata.get(TrainingCheckpoint.TRAINING_KEY)).isEqualTo("{\"epoch\":1,\"iterations\":2,"
                + "\"seed\":42,\"optimizer\":{\"name\":\"adam\",\"learning_rate\":0.0010000000474974513,\"beta_1\":"
                + "0.8999999761581421,\"beta_2\":0.9990000128746033,\"epsilon\":1.0000000116860974E-7,"
                + "\"weight_decay\":0.0,\"pytorch_epsilon\":false}}");
        assertThat(Safetensors.read(file).names()).contains("optimizer/iterations", "optimizer/momentum/dense/kernel",
                "optimizer/velocity/conv/kernel", "dense/kernel", "bn/moving_mean");
        Model plain = ModelFiles.load(file);
        assertThat(plain.parameters().names()).isEqualTo(model.parameters().names());
        model.parameters().names().forEach(n -> assertThat(plain.parameters().get(n).data()).as(n)
                .containsExactly(model.parameters().get(n).data()));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // written through a temporary file that was moved over it
        }
    }

    @Test
    void aPlainModelFile_loadsAsACheckpointWithoutState() {
        Path file = dir.resolve("plain.safetensors");
        Model model = ToyClassification.model(7);
        ModelFiles.save(model, file);
        TrainingCheckpoint checkpoint = TrainingCheckpoint.load(file);
        assertThat(checkpoint.state()).isEmpty();
        assertThat(checkpoint.model().parameters().get("dense/kernel").data())
                .containsExactly(model.parameters().get("dense/kernel").data());
    }

    @Test
    void aCorruptTrainingEntry_isAWeightFileExceptionNamingIt() throws IOException {
        Path file = dir.resolve("bad.safetensors");
        Model model = ToyClassification.model(7);
        ModelFiles.save(model, file, ModelFiles.layerTypes(), Map.of(), Map.of(TrainingCheckpoint.TRAINING_KEY,
                "{\"epoch\":\"one\"}"));
        assertThatThrownBy(() -> TrainingCheckpoint.load(file)).isInstanceOf(WeightFileException.class)
                .hasMessage("ResNet4J model file " + file + ": the training state (metadata entry \"training\") is"
                        + " invalid: expected an integer \"epoch\". Received: one");
    }
}
