package org.resnet4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.resnet4j.io.AtomicFiles;
import org.resnet4j.io.Safetensors;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code resnet4j run}: runs a model on a tensor read from a safetensors file and writes the output to another, so
 * anyone can compare it with PyTorch, Keras or another backend. The model is built for the input tensor's image size.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a model on a tensor file (NHWC float32) and save its output as safetensors.")
public final class RunCommand implements Callable<Integer> {
    /** The name of the output tensor when {@code --output} names none. */
    static final String DEFAULT_OUTPUT_NAME = "output";

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Weights to load; without it the model keeps its seeded weights (seed 42), the same on "
                    + "every backend.")
    Path weights;

    @Option(names = "--format", paramLabel = "auto|torchvision|keras-h5|resnet4j", defaultValue = "auto",
            description = "Format of --weights (default: ${DEFAULT-VALUE}, from the file's content).")
    String format;

    @Option(names = "--input", required = true, paramLabel = "FILE.safetensors[:NAME]",
            description = "The input tensor, [batch, height, width, 3] or [height, width, 3]; NAME may be left out "
                    + "when the file holds one tensor or one called \"input\".")
    String input;

    @Option(names = "--output", required = true, paramLabel = "FILE.safetensors[:NAME]",
            description = "Where to write the output tensor (name default: " + DEFAULT_OUTPUT_NAME + ").")
    String output;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "tf, nd4j, jcuda (default: the backend chosen as `resnet4j backends` shows).")
    String backend;

    @Override
    public Integer call() throws IOException {
        TensorFileArgument in = TensorFileArgument.parse(input, "--input");
        TensorFileArgument out = TensorFileArgument.parse(output, "--output");
        HostTensor x = batched(in.read("--input", "input").tensor());
        int height = x.shape().dim(1);
        int width = x.shape().dim(2);
        if (height != width) {
            throw new UsageException("--input expects square images. Received: shape=" + x.shape());
        }
        Model m = ModelResolver.resolve(modelOptions.name, modelOptions.variant, height);
        checkFits(m, x);
        String usedFormat = weights == null ? "seeded" : ModelWeights.load(m, weights, format);

        HostTensor y;
        String backendName;
        try (Backend b = BackendChoice.open(backend); CompiledModel compiled = b.compile(m)) {
            backendName = b.name();
            y = compiled.predict(x);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("model", m.name());
        metadata.put("backend", backendName);
        metadata.put("weights", weights == null ? "seeded (seed " + Model.DEFAULT_SEED + ")" : weights.toString());
        metadata.put("format", usedFormat);
        String outName = out.nameOr(DEFAULT_OUTPUT_NAME);
        AtomicFiles.write(out.file(), temporary -> Safetensors.write(temporary, Map.of(outName, y), metadata));
        System.out.printf("%s on %s: %s %s -> %s %s (weights: %s)%n", m.name(), backendName, in.file(), x.shape(),
                out.file() + ":" + outName, y.shape(), weights == null ? "seeded" : weights + " (" + usedFormat + ")");
        return ExitCodes.OK;
    }

    /** Refuses, as a usage error, images that {@code m} was not built for. */
    static void checkFits(Model m, HostTensor x) {
        Shape expected = m.inputs().get(0).shape();
        if (!x.shape().withoutBatch().equals(expected)) {
            throw new UsageException("--input: " + m.name() + " expects tensors of shape [batch, "
                    + expected.toString().substring(1) + ". Received: shape=" + x.shape());
        }
    }

    /** {@code t} as a batch of NHWC RGB images: a single {@code [h, w, 3]} image gains a batch of 1. */
    static HostTensor batched(HostTensor t) {
        HostTensor x = t.shape().rank() == 3 ? t.reshape(t.shape().withBatch(1)) : t;
        if (x.shape().rank() != 4 || x.shape().dim(3) != 3) {
            throw new UsageException("--input expects an NHWC image tensor [batch, height, width, 3] or [height, "
                    + "width, 3]. Received: shape=" + t.shape());
        }
        return x;
    }
}
