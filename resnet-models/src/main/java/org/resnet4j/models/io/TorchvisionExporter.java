package org.resnet4j.models.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.resnet4j.tensor.HostTensor;

/**
 * The inverse of {@link TorchvisionImporter#convert} for a whole torchvision {@code ResNet}: tensors under this
 * project's names and layouts become a {@code state_dict}'s names and layouts (HWIO kernels OIHW, the
 * {@code [features, classes]} dense kernel {@code [classes, features]}, {@code gamma/beta/moving_mean/moving_variance}
 * {@code weight/bias/running_mean/running_var}). Used to write values that belong to a model's parameters, such as
 * their gradients, so that PyTorch reads them under the names it knows.
 */
public final class TorchvisionExporter {
    private TorchvisionExporter() {
    }

    /** Every tensor of {@code ours} (full parameter name to value) under its torchvision name and layout, in order. */
    public static Map<String, HostTensor> convert(Map<String, HostTensor> ours) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : ours.entrySet()) {
            out.put(torchName(e.getKey()), TorchvisionLayouts.toTorch(e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * The torchvision name of parameter {@code ours}: {@code conv2_block1_1_conv/kernel} is
     * {@code layer1.0.conv1.weight}, {@code conv1_bn/moving_variance} is {@code bn1.running_var}.
     *
     * @throws IllegalArgumentException for a layer or parameter that a torchvision {@code ResNet} does not have
     */
    public static String torchName(String ours) {
        int slash = ours.indexOf('/');
        String layer = slash < 0 ? ours : ours.substring(0, slash);
        String module = TorchvisionNames.module(layer);
        if (slash < 0 || module == null) {
            throw new IllegalArgumentException("No torchvision tensor for parameter \"" + ours + "\" (torchvision "
                    + "ResNet layers are conv1_conv, conv1_bn, convS_blockB_K_conv/_bn and predictions)");
        }
        String param = ours.substring(slash + 1);
        // The same rule as the importer's: a layer whose name ends in _bn is a BatchNorm.
        String torchParam = layer.endsWith("_bn") ? switch (param) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            case "moving_mean" -> "running_mean";
            case "moving_variance" -> "running_var";
            default -> null;
        } : switch (param) {
            case "kernel" -> "weight";
            case "bias" -> "bias";
            default -> null;
        };
        if (torchParam == null) {
            throw new IllegalArgumentException("No torchvision tensor for parameter \"" + ours + "\" (layer " + layer
                    + " has no parameter \"" + param + "\" in torchvision)");
        }
        return module + "." + torchParam;
    }
}
