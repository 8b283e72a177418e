package org.resnet4j.cli;

import java.util.concurrent.Callable;
import org.resnet4j.models.resnet.MacCounter;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code resnet4j summary MODEL}: the Keras-style summary of a model, its parameter counts and the multiply-accumulates
 * of one image's forward pass. Builds the model only; no backend is involved.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print a model's Keras-style summary, its parameter counts and GMACs per image.")
public final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model, for example resnet50, cifar-resnet56, "
            + "blog-resnet18.")
    String model;

    @Option(names = "--variant", paramLabel = "VARIANT", converter = ModelVariant.Converter.class,
            description = "Conventions of a resnetN model: torchvision (default), keras, blog, or keras-seed "
                    + "(resnet50 only).")
    ModelVariant variant;

    @Option(names = "--input", paramLabel = "SIDE",
            description = "Side of the square input image in pixels (default: 224; CIFAR networks take 32).")
    Integer input;

    @Override
    public Integer call() {
        Model m = ModelResolver.resolve(model, variant, input);
        System.out.print(m.summary());
        Shape in = m.inputs().get(0).shape();
        System.out.printf("Parameters: %,d (trainable %,d, non-trainable %,d)%n", m.parameterCount(),
                m.trainableParameterCount(), m.nonTrainableParameterCount());
        System.out.printf("Multiply-accumulates: %.2f GMACs per %dx%d image (Conv2D and Dense layers)%n",
                MacCounter.count(m) / 1e9, in.dim(0), in.dim(1));
        return ExitCodes.OK;
    }
}
