package org.resnet4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.resnet4j.io.Safetensors;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.models.io.KerasH5Weights;
import org.resnet4j.models.io.TorchvisionImporter;
import org.resnet4j.models.io.TorchvisionNames;
import org.resnet4j.nn.Model;

/**
 * Loads the weight file of {@code --weights} into a model, in the format of {@code --format}: the only class of the
 * command line that knows weight formats. {@code auto} tells HDF5 (Keras) from safetensors by the file's first bytes
 * and torchvision's {@code state_dict} names ({@code layer1.0.conv1.weight}) from others by the tensor names.
 *
 * <p>The {@code resnet4j} format (this project's own files) is named but refused until the models' weight-file API
 * ({@code WeightFiles}) lands; the command line then delegates every format to it.
 */
final class ModelWeights {
    /** What {@code --format} accepts. */
    static final List<String> FORMATS = List.of("auto", "torchvision", "keras-h5", "resnet4j");

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private ModelWeights() {
    }

    /**
     * Reads {@code file} into {@code model}'s parameters and returns the format used. Loading is all or nothing: a
     * file that does not fit the model leaves it unchanged and fails with the list of differences.
     *
     * @throws UsageException if {@code format} is not one of {@link #FORMATS} or cannot be read by this build
     */
    static String load(Model model, Path file, String format) {
        String wanted = format == null ? "auto" : format.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(wanted)) {
            throw new UsageException("--format expects one of " + FORMATS + ". Received: " + format);
        }
        if (wanted.equals("resnet4j")) {
            throw new UsageException("--format resnet4j is not supported by this build yet; use torchvision or "
                    + "keras-h5 weights");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Weights file " + file + " does not exist or is not a file");
        }
        String used = wanted.equals("auto") ? detect(file) : wanted;
        switch (used) {
            case "keras-h5" -> KerasH5Weights.loadInto(model, file);
            case "torchvision" -> {
                SafetensorsFile weights = readSafetensors(file);
                try {
                    TorchvisionImporter.load(model.parameters(), weights.floatTensors(), TorchvisionNames.network());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("Weights file " + file + " does not fit " + model.name() + ": "
                            + e.getMessage(), e);
                }
            }
            default -> throw new IllegalStateException("unreachable: " + used);
        }
        return used;
    }

    /** The format of {@code file}: keras-h5 for HDF5, torchvision for a safetensors {@code state_dict}. */
    static String detect(Path file) {
        if (startsWithHdf5Signature(file)) {
            return "keras-h5";
        }
        SafetensorsFile st = readSafetensors(file);
        if (st.names().stream().anyMatch(ModelWeights::isTorchName)) {
            return "torchvision";
        }
        if (st.names().stream().anyMatch(n -> n.contains("/"))) {
            throw new IllegalStateException("Weights file " + file + " holds names like \"" + st.names().iterator().next()
                    + "\", ResNet4J's own format, which this build cannot read yet");
        }
        throw new IllegalStateException("Cannot tell the format of weights file " + file + ": its tensor names "
                + "(first: " + st.names().stream().findFirst().orElse("none") + ") are not torchvision's; give --format");
    }

    private static boolean isTorchName(String name) {
        return name.matches(".*\\.(weight|bias|running_mean|running_var|num_batches_tracked)");
    }

    private static boolean startsWithHdf5Signature(Path file) {
        byte[] head = new byte[HDF5_SIGNATURE.length];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(head, 0, head.length) == head.length && Arrays.equals(head, HDF5_SIGNATURE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read weights file " + file + ": " + IoMessages.describe(e), e);
        }
    }

    private static SafetensorsFile readSafetensors(Path file) {
        try {
            return Safetensors.read(file);
        } catch (IOException e) {
            throw new IllegalStateException("Weights file " + file + " is neither HDF5 (Keras) nor a readable "
                    + "safetensors file: " + IoMessages.describe(e), e);
        }
    }
}
