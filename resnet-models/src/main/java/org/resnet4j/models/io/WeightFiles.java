package org.resnet4j.models.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.resnet4j.io.Safetensors;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.HostTensor;

/**
 * One call to put the weights of any supported file into a model the caller built: a torchvision
 * {@code state_dict} in safetensors, a Keras HDF5 weight file, or a ResNet4J model file. Every format is loaded
 * strictly (all of the model's parameters, nothing else, the right shapes) and all or nothing.
 */
public final class WeightFiles {
    private WeightFiles() {
    }

    /**
     * Loads {@code file} into {@code model} and returns the format used. {@link WeightFormat#AUTO} detects the
     * format from the content; a named format must agree with the content, or the error says what the file holds.
     *
     * <ul>
     *   <li>{@link WeightFormat#TORCHVISION}: names mapped by {@link TorchvisionNames#network()} (the layer names of
     *   {@link ResNets#torchvision(int)}), layouts converted by {@link TorchvisionImporter}.</li>
     *   <li>{@link WeightFormat#KERAS_H5}: {@link KerasH5Weights#loadInto(Model, Path)}.</li>
     *   <li>{@link WeightFormat#RESNET4J}: the file's model description must match {@code model} (layers, types,
     *   settings, connections); the differences are listed otherwise.</li>
     * </ul>
     *
     * @throws WeightFileException when the file cannot be read, is not of the named format, or does not fit the model
     */
    public static WeightFormat load(Model model, Path file, WeightFormat format) {
        if (model == null || file == null || format == null) {
            throw new IllegalArgumentException("WeightFiles.load expects a model, a file and a format. Received: "
                    + model + ", " + file + ", " + format);
        }
        WeightFormat found = WeightFormat.detect(file);
        if (format != WeightFormat.AUTO && format != found) {
            throw new WeightFileException("Weight file " + file + " is " + found.description() + ", not "
                    + format.description() + "; load it with format \"" + found.cliName() + "\" or \""
                    + WeightFormat.AUTO.cliName() + "\"");
        }
        switch (found) {
            case KERAS_H5 -> KerasH5Weights.loadInto(model, file);
            case TORCHVISION -> loadTorchvision(model, file);
            case RESNET4J -> ModelFiles.loadInto(model, file);
            default -> throw new IllegalStateException("detect never answers " + found);
        }
        return found;
    }

    private static void loadTorchvision(Model model, Path file) {
        String source = "torchvision weight file " + file;
        Map<String, HostTensor> stateDict;
        try {
            stateDict = Safetensors.read(file).tensors();
        } catch (IOException e) {
            throw new WeightFileException(source + " is truncated or corrupt: " + e.getMessage(), e);
        }
        Map<String, HostTensor> converted;
        try {
            converted = TorchvisionImporter.convert(stateDict, TorchvisionNames.network());
        } catch (IllegalArgumentException e) {
            throw new WeightFileException(source + ": " + e.getMessage() + " (torchvision ResNet module names are "
                    + "conv1, bn1, layerL.B.convK, layerL.B.bnK, layerL.B.downsample.0/1 and fc)", e);
        }
        ParameterAssignment.assignStrict(model.parameters(), converted, source);
    }
}
