package org.resnet4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.resnet4j.models.io.WeightFiles;
import org.resnet4j.models.io.WeightFormat;
import org.resnet4j.nn.Model;

/**
 * Loads the weight file of {@code --weights} into a model, in the format of {@code --format}: the command line's
 * one door to {@link WeightFiles}. {@code auto} tells the formats apart by the file's content (HDF5 for Keras; a
 * safetensors file marked {@code format=resnet4j} for ResNet4J's own model files; any other safetensors file for a
 * torchvision {@code state_dict}).
 */
final class ModelWeights {
    private ModelWeights() {
    }

    /** What {@code --format} accepts, as users type it. */
    static String formats() {
        return Arrays.toString(Arrays.stream(WeightFormat.values()).map(WeightFormat::cliName).toArray());
    }

    /**
     * Reads {@code file} into {@code model}'s parameters and returns the format used, as users type it. Loading is
     * all or nothing: a file that does not fit the model leaves it unchanged and fails with the list of differences.
     *
     * @throws UsageException if {@code format} is not a format name
     */
    static String load(Model model, Path file, String format) {
        WeightFormat wanted;
        try {
            wanted = WeightFormat.parse(format == null ? WeightFormat.AUTO.cliName() : format);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format expects one of " + formats() + ". Received: " + format);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Weights file " + file + " does not exist or is not a file");
        }
        return WeightFiles.load(model, file, wanted).cliName();
    }
}
