package org.resnet4j.models.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.resnet4j.io.AtomicFiles;
import org.resnet4j.io.JsonParser;
import org.resnet4j.io.JsonWriter;
import org.resnet4j.io.ModelDescription;
import org.resnet4j.io.Safetensors;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.models.resnet.ZeroPadShortcut;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.LayerTypes;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.HostTensor;

/**
 * ResNet4J's own model file: one safetensors file that holds every parameter under its ResNet4J name
 * ({@code conv1_conv/kernel}, float32, ResNet4J layouts) and, in the safetensors {@code __metadata__}, the entries
 * {@code format = "resnet4j"}, {@code version = "1"} and {@code model}, the {@link ModelDescription} JSON of the
 * architecture. A file saved here loads on any backend, and any safetensors reader can open it.
 *
 * <p>Loading is strict: a wrong format tag or version, a corrupt description, an unknown layer type or setting, a
 * missing, unexpected or wrongly shaped tensor, or a truncated file is a {@link WeightFileException} that names the
 * file and the thing concerned.
 */
public final class ModelFiles {
    /** The value of the metadata entry {@value #FORMAT_KEY} in a ResNet4J model file. */
    public static final String FORMAT = "resnet4j";
    /** The format version this code writes and reads. */
    public static final String VERSION = "1";
    /** Metadata entry holding {@value #FORMAT}. */
    public static final String FORMAT_KEY = "format";
    /** Metadata entry holding {@value #VERSION}. */
    public static final String VERSION_KEY = "version";
    /** Metadata entry holding the model description JSON. */
    public static final String MODEL_KEY = "model";

    private ModelFiles() {
    }

    /**
     * The layer types {@link #load(Path)} rebuilds: every layer of {@code org.resnet4j.nn}, and
     * {@link ZeroPadShortcut}.
     */
    public static LayerTypes layerTypes() {
        return LayerTypes.builtIn().with("ZeroPadShortcut", ZeroPadShortcut::fromConfig);
    }

    /**
     * Saves {@code model}'s description and every parameter to {@code file}.
     * See {@link #save(Model, Path, LayerTypes)}.
     */
    public static void save(Model model, Path file) {
        save(model, file, layerTypes());
    }

    /**
     * Saves {@code model}'s description and every parameter to {@code file}, replacing it. A layer whose type
     * {@code types} cannot rebuild is refused before anything is written, so that no file is saved that cannot be
     * loaded. The file is written next to its destination and then moved over it, so a failed save never leaves a
     * half-written file under that name.
     */
    public static void save(Model model, Path file, LayerTypes types) {
        save(model, file, types, Map.of(), Map.of());
    }

    /**
     * As {@link #save(Model, Path, LayerTypes)}, with {@code extraTensors} written after the parameters and
     * {@code extraMetadata} after the format entries (what {@link TrainingCheckpoint} adds).
     */
    static void save(Model model, Path file, LayerTypes types, Map<String, HostTensor> extraTensors,
            Map<String, String> extraMetadata) {
        for (Layer layer : model.layers()) {
            if (!(layer instanceof Input) && !types.knows(layer.typeName())) {
                throw new WeightFileException("Cannot save model \"" + model.name() + "\" to " + file + ": layer \""
                        + layer.name() + "\" has type " + layer.typeName() + ", which loading could not rebuild. Known "
                        + "types: " + types.names() + ". Register a factory: ModelFiles.save(model, file, "
                        + "ModelFiles.layerTypes().with(\"" + layer.typeName()
                        + "\", ...)), and load with the same types");
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT_KEY, FORMAT);
        metadata.put(VERSION_KEY, VERSION);
        metadata.put(MODEL_KEY, ModelDescription.toJson(model));
        metadata.putAll(extraMetadata);
        Map<String, HostTensor> tensors = new LinkedHashMap<>(model.parameters().asMap());
        tensors.putAll(extraTensors);
        try {
            AtomicFiles.write(file, temporary -> Safetensors.write(temporary, tensors, metadata));
        } catch (IOException e) {
            throw new WeightFileException("Cannot save model \"" + model.name() + "\" to " + file + ": " + e, e);
        }
    }

    /** Rebuilds the model saved in {@code file}, with its weights; see {@link #load(Path, LayerTypes)}. */
    public static Model load(Path file) {
        return load(file, layerTypes());
    }

    /**
     * Rebuilds the model saved in {@code file}: the same layer names, wiring, summary and parameters, with the saved
     * values. {@code types} rebuilds the layers; pass {@code layerTypes().with(...)} for custom layer types.
     */
    public static Model load(Path file, LayerTypes types) {
        return load(file, types, null);
    }

    /** As {@link #load(Path, LayerTypes)}, from {@code contents} when the caller has read the file already. */
    static Model load(Path file, LayerTypes types, SafetensorsFile contents) {
        String source = source(file);
        Object description = description(file);
        Model model;
        try {
            model = ModelDescription.build(description, types);
        } catch (IllegalArgumentException e) {
            throw new WeightFileException(source + ": " + e.getMessage(), e);
        }
        ParameterAssignment.assignStrict(model.parameters(), parameterTensors(contents == null ? read(file)
                : contents), source);
        return model;
    }

    /** The model description of {@code file}, laid out for reading (what {@code ModelDescription} documents). */
    public static String describe(Path file) {
        return JsonWriter.writePretty(description(file));
    }

    /**
     * The parsed model description of {@code file}, after checking its format tag and version; reads the header
     * only.
     */
    static Object description(Path file) {
        String source = source(file);
        Map<String, String> metadata;
        try {
            metadata = Safetensors.readMetadata(file);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        String format = metadata.get(FORMAT_KEY);
        if (!FORMAT.equals(format)) {
            throw new WeightFileException(source + " is not a ResNet4J model file: its safetensors metadata "
                    + (format == null ? "has no \"" + FORMAT_KEY + "\" entry" : "says " + FORMAT_KEY + "=\"" + format
                    + "\"") + " (expected \"" + FORMAT + "\"; metadata keys: " + new TreeSet<>(metadata.keySet())
                    + ")");
        }
        String version = metadata.get(VERSION_KEY);
        if (!VERSION.equals(version)) {
            throw new WeightFileException(source + " has format version " + (version == null ? "(none)" : "\"" + version
                    + "\"") + ", but this ResNet4J reads version \"" + VERSION + "\"");
        }
        String json = metadata.get(MODEL_KEY);
        if (json == null) {
            throw new WeightFileException(source + " has no model description (metadata entry \"" + MODEL_KEY + "\")");
        }
        try {
            return JsonParser.parse(json);
        } catch (IllegalArgumentException e) {
            throw new WeightFileException(source + ": the model description (metadata entry \"" + MODEL_KEY
                    + "\") is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the parameters of {@code file} into {@code model}, which must be the architecture the file describes:
     * what differs (layers, types, settings, connections) is listed before any tensor is read.
     */
    static void loadInto(Model model, Path file) {
        String source = source(file);
        Object description = description(file);
        List<String> differences;
        try {
            differences = ModelDescription.differences(description, ModelDescription.of(model), "file", "model");
        } catch (IllegalArgumentException e) {
            throw new WeightFileException(source + ": " + e.getMessage(), e);
        }
        if (!differences.isEmpty()) {
            int shown = Math.min(differences.size(), 10);
            throw new WeightFileException(source + " describes another architecture than model \"" + model.name()
                    + "\": " + String.join("; ", differences.subList(0, shown))
                    + (differences.size() > shown ? "; and " + (differences.size() - shown) + " more" : "")
                    + ". ModelFiles.load(file) rebuilds the file's own model");
        }
        ParameterAssignment.assignStrict(model.parameters(), parameterTensors(read(file)), source);
    }

    /**
     * The tensors of a model file that are the model's parameters: all of them, except in a checkpoint (a file with
     * the metadata entry {@value TrainingCheckpoint#TRAINING_KEY}), whose optimizer state
     * ({@value TrainingCheckpoint#OPTIMIZER_PREFIX}...) is not.
     */
    static Map<String, HostTensor> parameterTensors(SafetensorsFile file) {
        Map<String, HostTensor> tensors = file.tensors();
        if (!file.metadata().containsKey(TrainingCheckpoint.TRAINING_KEY)) {
            return tensors;
        }
        Map<String, HostTensor> parameters = new LinkedHashMap<>();
        tensors.forEach((name, value) -> {
            if (!name.startsWith(TrainingCheckpoint.OPTIMIZER_PREFIX)) {
                parameters.put(name, value);
            }
        });
        return parameters;
    }

    static SafetensorsFile read(Path file) {
        try {
            return Safetensors.read(file);
        } catch (IOException e) {
            throw unreadable(source(file), e);
        }
    }

    static WeightFileException unreadable(String source, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new WeightFileException(source + " does not exist", e);
        }
        if (e instanceof FileSystemException) {
            return new WeightFileException(source + " cannot be read: " + e, e);
        }
        return new WeightFileException(source + " is truncated or corrupt: " + e.getMessage(), e);
    }

    static String source(Path file) {
        return "ResNet4J model file " + file;
    }
}
