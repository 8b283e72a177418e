package org.resnet4j.models.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.resnet4j.nn.ParameterStore;
import org.resnet4j.tensor.HostTensor;

/**
 * Loads a torchvision {@code state_dict} (tensor name to value, layouts unchanged) into a model's
 * {@link ParameterStore}: conv kernels OIHW become HWIO, the {@code fc} weight {@code [classes, features]} is
 * transposed to {@code [features, classes]}, BatchNorm {@code weight/bias/running_mean/running_var} become
 * {@code gamma/beta/moving_mean/moving_variance}, and {@code num_batches_tracked} is skipped. Strict: every
 * model parameter must be given and every given tensor must land somewhere, or nothing is stored.
 */
public final class TorchvisionImporter {
    private TorchvisionImporter() {
    }

    /**
     * Converts and stores {@code stateDict}; {@code modules} maps a torchvision module path (the tensor name
     * without its last component) to a layer name, see {@link TorchvisionNames}.
     */
    public static void load(ParameterStore store, Map<String, HostTensor> stateDict, UnaryOperator<String> modules) {
        Map<String, HostTensor> converted = convert(stateDict, modules);
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(store.names());
        missing.removeAll(converted.keySet());
        for (String name : missing) {
            problems.add("missing " + name + " (shape=" + store.shape(name) + ")");
        }
        for (Map.Entry<String, HostTensor> e : converted.entrySet()) {
            if (!store.names().contains(e.getKey())) {
                problems.add("unexpected " + e.getKey());
            } else if (!store.shape(e.getKey()).equals(e.getValue().shape())) {
                problems.add(e.getKey() + " expects shape=" + store.shape(e.getKey()) + ". Received: shape="
                        + e.getValue().shape());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The torchvision state_dict does not match the model: "
                    + String.join("; ", problems));
        }
        converted.forEach(store::set);
    }

    /** The state dict under this project's names and layouts; {@code num_batches_tracked} is dropped. */
    public static Map<String, HostTensor> convert(Map<String, HostTensor> stateDict, UnaryOperator<String> modules) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : stateDict.entrySet()) {
            String torchName = e.getKey();
            int dot = torchName.lastIndexOf('.');
            String param = torchName.substring(dot + 1);
            if (param.equals("num_batches_tracked")) {
                continue;
            }
            String layer = dot < 0 ? null : modules.apply(torchName.substring(0, dot));
            if (layer == null) {
                throw new IllegalArgumentException("No layer for torchvision tensor \"" + torchName + "\"");
            }
            boolean batchNorm = layer.endsWith("_bn");
            String ours = batchNorm ? batchNormName(torchName, param) : denseOrConvName(torchName, param);
            out.put(layer + "/" + ours, TorchvisionLayouts.fromTorch(torchName, e.getValue()));
        }
        return out;
    }

    private static String batchNormName(String torchName, String param) {
        return switch (param) {
            case "weight" -> "gamma";
            case "bias" -> "beta";
            case "running_mean" -> "moving_mean";
            case "running_var" -> "moving_variance";
            default -> throw new IllegalArgumentException("Unknown BatchNorm tensor \"" + torchName + "\"");
        };
    }

    private static String denseOrConvName(String torchName, String param) {
        return switch (param) {
            case "weight" -> "kernel";
            case "bias" -> "bias";
            default -> throw new IllegalArgumentException("Unknown tensor \"" + torchName + "\"");
        };
    }
}
