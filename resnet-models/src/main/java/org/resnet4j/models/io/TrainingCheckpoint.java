package org.resnet4j.models.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.resnet4j.io.JsonParser;
import org.resnet4j.io.JsonWriter;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.nn.LayerTypes;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.training.TrainingState;
import org.resnet4j.training.fit.CheckpointWriter;

/**
 * A training checkpoint: ResNet4J's model file ({@link ModelFiles}) that also holds what resuming needs. Besides the
 * parameters it stores the optimizer's state as tensors named {@code optimizer/iterations} and
 * {@code optimizer/SLOT/PARAMETER} ({@code optimizer/momentum/conv1_conv/kernel}), and the metadata entry
 * {@value #TRAINING_KEY}, JSON: {@code {"epoch": 3, "iterations": 1266, "seed": 42, "optimizer": {"name": "adam",
 * "learning_rate": 0.001, ...}}}. {@link ModelFiles#load} reads a checkpoint as a plain model file (the optimizer
 * tensors are skipped), and {@link #load} reads a plain model file as a checkpoint without a training state.
 *
 * <pre>{@code
 * TrainingCheckpoint checkpoint = TrainingCheckpoint.load(file);
 * TrainingState state = checkpoint.state().orElseThrow();
 * Trainer trainer = Trainer.compile(checkpoint.model(), backend, loss, Optimizers.fromConfig(state.optimizer()),
 *         Accuracy.of());
 * trainer.restore(state);
 * trainer.fit(train, options.withSeed(state.seed()).withInitialEpoch(state.epoch()));
 * }</pre>
 */
public final class TrainingCheckpoint {
    /** The metadata entry of the training state. */
    public static final String TRAINING_KEY = "training";
    /** The prefix of the optimizer's state tensors. */
    public static final String OPTIMIZER_PREFIX = "optimizer/";

    private final Model model;
    private final TrainingState state;

    private TrainingCheckpoint(Model model, TrainingState state) {
        this.model = model;
        this.state = state;
    }

    /** The writer that {@code ModelCheckpoint} takes: {@link #save(Path, Model, TrainingState)}. */
    public static CheckpointWriter writer() {
        return TrainingCheckpoint::save;
    }

    /** Writes {@code model} and {@code state} to {@code file}, atomically; see {@link ModelFiles#save}. */
    public static void save(Path file, Model model, TrainingState state) {
        save(file, model, state, ModelFiles.layerTypes());
    }

    /** As {@link #save(Path, Model, TrainingState)} with custom layer types. */
    public static void save(Path file, Model model, TrainingState state, LayerTypes types) {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        state.optimizerState().forEach((name, value) -> tensors.put(OPTIMIZER_PREFIX + name, value));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("epoch", state.epoch());
        training.put("iterations", state.iterations());
        training.put("seed", state.seed());
        training.put("optimizer", state.optimizer());
        ModelFiles.save(model, file, types, tensors, Map.of(TRAINING_KEY, JsonWriter.write(training)));
    }

    /** Reads a checkpoint, or a plain model file (then {@link #state()} is empty). */
    public static TrainingCheckpoint load(Path file) {
        return load(file, ModelFiles.layerTypes());
    }

    /** As {@link #load(Path)} with custom layer types. */
    public static TrainingCheckpoint load(Path file, LayerTypes types) {
        SafetensorsFile contents = ModelFiles.read(file);
        Model model = ModelFiles.load(file, types, contents);
        String json = contents.metadata().get(TRAINING_KEY);
        if (json == null) {
            return new TrainingCheckpoint(model, null);
        }
        String source = ModelFiles.source(file);
        try {
            if (!(JsonParser.parse(json) instanceof Map<?, ?> training)) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            int epoch = integer(training, "epoch");
            long iterations = longValue(training, "iterations");
            long seed = longValue(training, "seed");
            Map<String, HostTensor> optimizerState = new LinkedHashMap<>();
            contents.tensors().forEach((name, value) -> {
                if (name.startsWith(OPTIMIZER_PREFIX)) {
                    optimizerState.put(name.substring(OPTIMIZER_PREFIX.length()), value);
                }
            });
            Map<String, Object> optimizer = new LinkedHashMap<>();
            if (!(training.get("optimizer") instanceof Map<?, ?> config)) {
                throw new IllegalArgumentException("expected an \"optimizer\" object");
            }
            config.forEach((k, v) -> optimizer.put(String.valueOf(k), v));
            return new TrainingCheckpoint(model, new TrainingState(epoch, iterations, seed, optimizer,
                    optimizerState));
        } catch (IllegalArgumentException e) {
            throw new WeightFileException(source + ": the training state (metadata entry \"" + TRAINING_KEY
                    + "\") is invalid: " + e.getMessage(), e);
        }
    }

    private static int integer(Map<?, ?> map, String key) {
        long value = longValue(map, key);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected \"" + key + "\" to fit an int. Received: " + value);
        }
        return (int) value;
    }

    private static long longValue(Map<?, ?> map, String key) {
        if (!(map.get(key) instanceof Long value)) {
            throw new IllegalArgumentException("expected an integer \"" + key + "\". Received: " + map.get(key));
        }
        return value;
    }

    /** The model with its saved weights. */
    public Model model() {
        return model;
    }

    /** The training state, or empty for a plain model file. */
    public Optional<TrainingState> state() {
        return Optional.ofNullable(state);
    }
}
