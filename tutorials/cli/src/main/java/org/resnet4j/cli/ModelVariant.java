package org.resnet4j.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/** Which conventions an ImageNet ResNet ({@code resnet18} .. {@code resnet152}) is built with: {@code --variant}. */
public enum ModelVariant {
    /** torchvision's: symmetric padding, stride on the 3x3, no conv bias, logits; its weights import by name. */
    TORCHVISION,
    /** keras.applications': zero-padding layers, stride on the first 1x1, conv bias, softmax head. */
    KERAS,
    /** The seed blog's Keras network, departures from the paper included (docs/blog-resnet18.md). */
    BLOG,
    /**
     * The original Keras ResNet50 that the seed tutorial loads {@code resnet50_weights_tf_dim_ordering_tf_kernels.h5}
     * into (unpadded 3x3/2 max pool, bias on every convolution, BatchNorm epsilon 1e-3, 7x7 average pool); depth 50
     * and 224x224 only.
     */
    KERAS_SEED;

    /** The name users type: lower case, with a hyphen ({@code keras-seed}). */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The variant called {@code text}, ignoring case; a {@link UsageException} naming the valid ones otherwise. */
    public static ModelVariant parse(String text) {
        for (ModelVariant v : values()) {
            if (v.toString().equalsIgnoreCase(text.strip())) {
                return v;
            }
        }
        throw new UsageException("--variant expects one of " + Arrays.toString(values()) + ". Received: " + text);
    }

    /** Converts {@code --variant} values for picocli, so a wrong one is reported with the lower-case names. */
    static final class Converter implements CommandLine.ITypeConverter<ModelVariant> {
        @Override
        public ModelVariant convert(String value) {
            try {
                return parse(value);
            } catch (UsageException e) {
                // picocli puts "Invalid value for option '--variant': " in front.
                throw new CommandLine.TypeConversionException("expected one of " + Arrays.toString(values())
                        + ". Received: " + value);
            }
        }
    }
}
