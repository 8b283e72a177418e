package org.resnet4j.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.resnet4j.data.KnownDataset;
import org.resnet4j.models.resnet.MnistResNet;
import org.resnet4j.nn.Model;

/**
 * The models {@code resnet4j train} builds by name for a data set: the seed's {@code mnist-resnet18} (28x28x1 for the
 * MNIST sets, rebuilt for 32x32x3 on CIFAR-10) and the paper's CIFAR ResNets. The ImageNet networks are left out:
 * they are far too slow to train on a CPU and were never meant for 28 or 32 pixel images.
 */
final class TrainableModels {
    /** The names {@code train --model} accepts, as one line for error messages and help texts. */
    static final String VALID_NAMES = "mnist-resnet18 (the seed's network; 32x32x3 on cifar10), cifar-resnet"
            + "{20,32,44,56,110,1202} (paper option A shortcuts; add -b for option B projections)";

    private static final Pattern CIFAR = Pattern.compile("cifar-resnet\\d+(-b)?");
    private static final String MNIST = "mnist-resnet18";

    private TrainableModels() {
    }

    /**
     * A fresh (seeded) model called {@code name} for {@code data}'s images; an unknown name is a
     * {@link UsageException} that lists the valid ones. A model that cannot take the images (a CIFAR ResNet on
     * MNIST) is built anyway: the command then refuses the data with the model's and the data's shapes.
     */
    static Model build(String name, KnownDataset data) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (key.equals(MNIST)) {
            return data == KnownDataset.CIFAR10
                    ? MnistResNet.resnet18(32, 32, 3, data.classes())
                    : MnistResNet.resnet18();
        }
        Matcher m = CIFAR.matcher(key);
        if (m.matches()) {
            try {
                return ModelResolver.resolve(key, null, null);
            } catch (UsageException e) {
                // ModelResolver lists every model it knows, most of which train cannot train: list ours instead.
                throw new UsageException("Unknown model \"" + name + "\": no such depth. Valid models for train: "
                        + VALID_NAMES);
            }
        }
        throw new UsageException("Unknown model \"" + name + "\". Valid models for train: " + VALID_NAMES);
    }
}
