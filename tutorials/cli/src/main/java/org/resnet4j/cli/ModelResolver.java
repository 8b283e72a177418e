package org.resnet4j.cli;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.resnet4j.models.resnet.BlogResNet;
import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.MnistResNet;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNetConfig;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;

/**
 * Turns the model names users type ({@code resnet50}, {@code cifar-resnet56}, {@code blog-resnet18},
 * {@code mnist-resnet18}), a
 * {@code --variant} and an input size into a {@link Model}, the same way for every command. Names are matched
 * ignoring case; a name, variant or size that does not fit is a {@link UsageException} that lists what would.
 */
public final class ModelResolver {
    /** The depths of the paper's Table 1. */
    public static final List<Integer> IMAGENET_DEPTHS = List.of(18, 34, 50, 101, 152);
    /** The CIFAR-10 depths of the paper's section 4.2 (6n + 2). */
    public static final List<Integer> CIFAR_DEPTHS = List.of(20, 32, 44, 56, 110, 1202);
    /** The side of the CIFAR networks' input, fixed by their design. */
    public static final int CIFAR_INPUT = 32;
    /** The side of the ImageNet networks' input when none is given. */
    public static final int DEFAULT_INPUT = 224;

    private static final Pattern IMAGENET = Pattern.compile("resnet(\\d+)");
    private static final Pattern BLOG = Pattern.compile("blog-resnet(\\d+)");
    private static final Pattern CIFAR = Pattern.compile("cifar-resnet(\\d+)(-b)?");
    /** The seed post's MNIST network; its 28x28x1 input is part of its name. */
    private static final String MNIST = "mnist-resnet18";

    private ModelResolver() {
    }

    /** What {@code MODEL} may be, as one line for error messages and help texts. */
    public static String validNames() {
        return "resnet" + braces(IMAGENET_DEPTHS) + " (with --variant torchvision|keras|blog, or keras-seed for "
                + "resnet50), blog-resnet" + braces(IMAGENET_DEPTHS) + ", cifar-resnet" + braces(CIFAR_DEPTHS)
                + " (paper option A shortcuts; add -b for option B projections), " + MNIST + " (the seed's MNIST "
                + "network, 28x28x1)";
    }

    /**
     * Whether {@code name} is a network whose input size is fixed by its design (the CIFAR ones, 32x32; the seed's
     * MNIST network, 28x28x1).
     */
    public static boolean hasFixedInput(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return CIFAR.matcher(key).matches() || key.equals(MNIST);
    }

    /**
     * The model called {@code name}.
     *
     * @param variant   the conventions of a {@code resnetN} model; {@code null} means torchvision
     * @param inputSize the side of the square input; {@code null} means the model's own (224, or 32 for CIFAR)
     */
    public static Model resolve(String name, ModelVariant variant, Integer inputSize) {
        return resolve(name, variant, inputSize, null, null);
    }

    /**
     * The model called {@code name}, narrowed or with another head: as {@link #resolve(String, ModelVariant,
     * Integer)}, with the width of the first stage and the number of classes of a {@code resnetN} model of the
     * torchvision or keras variant (the tiny networks of tests and PyTorch goldens). Other models refuse them.
     *
     * @param baseWidth the filters of conv1 and of the first stage; {@code null} means the paper's 64
     * @param classes   the units of the final dense layer; {@code null} means 1000
     */
    public static Model resolve(String name, ModelVariant variant, Integer inputSize, Integer baseWidth,
            Integer classes) {
        if (baseWidth != null || classes != null) {
            String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
            ModelVariant v = variant == null ? ModelVariant.TORCHVISION : variant;
            boolean configurable = IMAGENET.matcher(key).matches()
                    && (v == ModelVariant.TORCHVISION || v == ModelVariant.KERAS);
            if (!configurable) {
                throw new UsageException("--base-width and --classes apply to resnet18 .. resnet152 of the "
                        + "torchvision and keras variants only. Received: " + name
                        + (variant == null ? "" : " --variant " + variant.name().toLowerCase(Locale.ROOT)));
            }
            if ((baseWidth != null && baseWidth < 1) || (classes != null && classes < 1)) {
                throw new UsageException(name + " expects a positive --base-width and --classes. Received: "
                        + "--base-width " + baseWidth + ", --classes " + classes);
            }
        }
        return resolveNamed(name, variant, inputSize, baseWidth, classes);
    }

    private static Model resolveNamed(String name, ModelVariant variant, Integer inputSize, Integer baseWidth,
            Integer classes) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (inputSize != null && inputSize < 1) {
            throw new UsageException(name + " expects a positive input side in pixels. Received: " + inputSize);
        }
        Matcher m;
        if ((m = IMAGENET.matcher(key)).matches()) {
            return imagenet(name, depth(m, IMAGENET_DEPTHS, name), variant == null ? ModelVariant.TORCHVISION : variant,
                    inputSize == null ? DEFAULT_INPUT : inputSize, baseWidth, classes);
        }
        if ((m = BLOG.matcher(key)).matches()) {
            rejectVariant(name, variant, ModelVariant.BLOG);
            return imagenet(name, depth(m, IMAGENET_DEPTHS, name), ModelVariant.BLOG,
                    inputSize == null ? DEFAULT_INPUT : inputSize, null, null);
        }
        if ((m = CIFAR.matcher(key)).matches()) {
            rejectVariant(name, variant, null);
            if (inputSize != null && inputSize != CIFAR_INPUT) {
                throw new UsageException(name + " takes 32x32 images (CIFAR-10). Received: an input side of "
                        + inputSize);
            }
            int depth = depth(m, CIFAR_DEPTHS, name);
            return ResNets.cifar(depth, m.group(2) == null ? CifarShortcut.A_ZERO_PAD : CifarShortcut.B_PROJECTION);
        }
        if (key.equals(MNIST)) {
            if (variant != null) {
                throw new UsageException("--variant applies to resnet18 .. resnet152 only; " + name + " is the seed's "
                        + "MNIST network. Received: --variant " + variant);
            }
            if (inputSize != null && inputSize != MnistResNet.MNIST_SIDE) {
                throw new UsageException(name + " takes 28x28x1 images (MNIST). Received: an input side of "
                        + inputSize);
            }
            return MnistResNet.resnet18();
        }
        throw new UsageException("Unknown model \"" + name + "\". Valid models: " + validNames());
    }

    private static Model imagenet(String name, int depth, ModelVariant variant, int inputSize, Integer baseWidth,
            Integer classes) {
        try {
            return switch (variant) {
                case TORCHVISION -> ResNet.build(shaped(ResNets.torchvisionConfig(depth), inputSize, baseWidth,
                        classes));
                case KERAS -> ResNet.build(shaped(ResNets.kerasApplicationsConfig(depth), inputSize, baseWidth,
                        classes));
                case BLOG -> BlogResNet.build(depth, 64, inputSize);
                case KERAS_SEED -> kerasSeed(name, depth, inputSize);
            };
        } catch (IllegalArgumentException e) {
            // A builder refuses an input too small for five stride-2 stages, naming the layer that runs out of pixels.
            throw new UsageException(name + " cannot take a " + inputSize + "x" + inputSize + " input: "
                    + e.getMessage());
        }
    }

    private static Model kerasSeed(String name, int depth, int inputSize) {
        if (depth != 50 || inputSize != DEFAULT_INPUT) {
            throw new UsageException("--variant keras-seed is the original Keras ResNet50 (its head is a 7x7 average "
                    + "pool): resnet50 with a 224x224 input only. Received: " + name + ", input " + inputSize);
        }
        return ResNets.kerasSeedResNet50();
    }

    private static ResNetConfig shaped(ResNetConfig config, int inputSize, Integer baseWidth, Integer classes) {
        ResNetConfig sized = config.withInputSize(inputSize, inputSize);
        ResNetConfig narrowed = baseWidth == null ? sized : sized.withBaseWidth(baseWidth);
        return classes == null ? narrowed : narrowed.withClasses(classes);
    }

    private static int depth(Matcher m, List<Integer> valid, String name) {
        String digits = m.group(1);
        int depth = digits.length() > 5 ? -1 : Integer.parseInt(digits);
        if (!valid.contains(depth)) {
            throw new UsageException("Unknown model \"" + name + "\": no such depth. Valid models: " + validNames());
        }
        return depth;
    }

    private static void rejectVariant(String name, ModelVariant given, ModelVariant implied) {
        if (given != null && given != implied) {
            throw new UsageException("--variant applies to resnet18 .. resnet152 only; " + name + " is "
                    + (implied == null ? "a CIFAR network" : "already the " + implied.name().toLowerCase(Locale.ROOT)
                    + " variant") + ". Received: --variant " + given.name().toLowerCase(Locale.ROOT));
        }
    }

    private static String braces(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
