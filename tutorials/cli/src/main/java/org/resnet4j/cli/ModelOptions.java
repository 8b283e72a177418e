package org.resnet4j.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --model} and {@code --variant} options of the commands that build any model by name ({@code run},
 * {@code parity}, {@code bench}), declared once and mixed into each; {@link ModelResolver} turns them into a model.
 */
public final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "The model, for example resnet50, cifar-resnet56, blog-resnet18.")
    String name;

    @Option(names = "--variant", paramLabel = "VARIANT", converter = ModelVariant.Converter.class,
            description = "Conventions of a resnetN model: torchvision (default), keras, blog, or keras-seed "
                    + "(resnet50 only).")
    ModelVariant variant;
}
