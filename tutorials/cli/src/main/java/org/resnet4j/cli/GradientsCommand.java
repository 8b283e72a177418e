package org.resnet4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.resnet4j.io.AtomicFiles;
import org.resnet4j.io.Safetensors;
import org.resnet4j.models.io.TorchvisionExporter;
import org.resnet4j.models.io.WeightFormat;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code resnet4j gradients}: one forward pass in training mode on a batch of images, the mean softmax cross-entropy
 * of the logits against integer labels, and the gradient of every trainable parameter, written under the names and
 * in the layouts of the weights file, so that anyone can check them against PyTorch or another framework.
 */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = {"Compute the loss and every trainable parameter's gradient of one training-mode pass "
                + "(BatchNormalization on batch statistics; mean softmax cross-entropy of the logits against "
                + "integer labels) and save them as safetensors, named and laid out as in the weights file."})
public final class GradientsCommand implements Callable<Integer> {
    /** The name of the loss tensor in the output file. */
    static final String LOSS_NAME = "loss";

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "The model's weights: a torchvision state_dict or a ResNet4J model file (safetensors).")
    Path weights;

    @Option(names = "--format", paramLabel = "auto|torchvision|resnet4j", defaultValue = "auto",
            description = "Format of --weights (default: ${DEFAULT-VALUE}, from the file's content); it also "
                    + "decides the names and layouts of the gradients.")
    String format;

    @Option(names = "--input", required = true, paramLabel = "FILE.safetensors[:NAME]",
            description = "The images, NHWC float32 [batch, height, width, 3]; NAME may be left out when the file "
                    + "holds one tensor or one called \"input\".")
    String input;

    @Option(names = "--labels", required = true, paramLabel = "FILE.safetensors[:NAME]",
            description = "One class index per image, int64 or int32 [batch]; NAME may be left out when the file "
                    + "holds one tensor or one called \"labels\".")
    String labels;

    @Option(names = "--output", required = true, paramLabel = "FILE.safetensors",
            description = "Where to write \"" + LOSS_NAME + "\" and one gradient per trainable parameter.")
    Path output;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "A backend that trains: tf or nd4j (default: the backend chosen as `resnet4j backends` "
                    + "shows).")
    String backend;

    @Option(names = "--input-size", paramLabel = "SIDE",
            description = "The side of the square images the model is built for; it must be that of --input "
                    + "(default: taken from --input).")
    Integer inputSize;

    @Option(names = "--base-width", paramLabel = "N",
            description = "Filters of conv1 and the first stage of a resnetN model (default: 64).")
    Integer baseWidth;

    @Option(names = "--classes", paramLabel = "N",
            description = "Units of the final dense layer of a resnetN model (default: 1000).")
    Integer classes;

    @Override
    public Integer call() {
        WeightFormat wanted = requestedFormat();
        TensorFileArgument in = TensorFileArgument.parse(input, "--input");
        TensorFileArgument labelsFile = TensorFileArgument.parse(labels, "--labels");
        HostTensor x = RunCommand.batched(in.read("--input", "input").tensor());
        int side = x.shape().dim(1);
        if (side != x.shape().dim(2)) {
            throw new UsageException("--input expects square images. Received: shape=" + x.shape());
        }
        if (inputSize != null && inputSize != side) {
            throw new UsageException("--input-size " + inputSize + " does not match --input, whose images are "
                    + side + "x" + side + ". Received: shape=" + x.shape());
        }
        Model model = ModelResolver.resolve(modelOptions.name, modelOptions.variant, side, baseWidth, classes);
        RunCommand.checkFits(model, x);
        // Checked before the weights load: reading a large weights file only to refuse the labels would waste time.
        int classCount = LossGradients.logitsOf(model).outputs().get(0).shape().dim(-1);
        int[] classIndices = LabelTensors.classIndices(labelsFile.read("--labels", "labels"), x.shape().dim(0),
                classCount, model.name());

        String usedFormat = ModelWeights.load(model, weights, wanted.cliName());
        if (usedFormat.equals(WeightFormat.KERAS_H5.cliName())) {
            throw new IllegalStateException("Weights file " + weights + " is " + WeightFormat.KERAS_H5.description()
                    + ": gradients names its tensors as torchvision and ResNet4J files name them; convert the "
                    + "weights to one of those (ModelFiles.save) first");
        }

        LossGradients.Result result;
        String backendName;
        try (Backend b = BackendChoice.open(backend)) {
            backendName = b.name();
            result = LossGradients.compute(b.ops(), backendName, model, x, classIndices);
        }
        Map<String, HostTensor> named = usedFormat.equals(WeightFormat.TORCHVISION.cliName())
                ? TorchvisionExporter.convert(result.gradients()) : result.gradients();
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put(LOSS_NAME, HostTensor.of(Shape.of(), new float[] {result.loss()}));
        tensors.putAll(named);
        writeWhole(output, tensors, metadata(model, backendName, usedFormat));
        System.out.printf("%s on %s: loss %.6g over %d images, %d gradients (%s names) -> %s%n", model.name(),
                backendName, result.loss(), x.shape().dim(0), named.size(), usedFormat, output);
        return ExitCodes.OK;
    }

    /** {@code --format}, refusing Keras HDF5 (whose names the output would not use) before anything is read. */
    private WeightFormat requestedFormat() {
        WeightFormat f;
        try {
            f = WeightFormat.parse(format);
        } catch (IllegalArgumentException e) {
            f = null;
        }
        if (f == null || f == WeightFormat.KERAS_H5) {
            throw new UsageException("--format expects one of [auto, torchvision, resnet4j] (gradients are written "
                    + "under the weights file's names). Received: " + format);
        }
        return f;
    }

    private Map<String, String> metadata(Model model, String backendName, String usedFormat) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("model", model.name());
        metadata.put("backend", backendName);
        metadata.put("weights", weights.toString());
        metadata.put("format", usedFormat);
        metadata.put("input", input);
        metadata.put("labels", labels);
        metadata.put(LOSS_NAME, "mean softmax cross-entropy of the logits against the labels, one training-mode "
                + "pass (BatchNormalization on batch statistics)");
        return metadata;
    }

    /**
     * Writes the file next to its destination and moves it into place, so that a failure never leaves a
     * half-written file under the name a user or a script will read.
     */
    static void writeWhole(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) {
        try {
            AtomicFiles.write(file, temporary -> Safetensors.write(temporary, tensors, metadata));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write --output " + file + ": " + IoMessages.describe(e), e);
        }
    }
}
