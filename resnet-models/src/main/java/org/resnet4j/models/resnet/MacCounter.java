package org.resnet4j.models.resnet;

import java.util.LinkedHashMap;
import java.util.Map;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tensor.Shape;

/**
 * Counts the multiply-accumulates (MACs) of one sample's forward pass, the unit the paper's Table 1 calls
 * "FLOPs". It counts the products of {@link Conv2D} ({@code oh * ow * kh * kw * cin * cout}) and {@link Dense}
 * ({@code in * units}) layers only: bias additions, BatchNorm, ReLU, pooling, adds and the parameter-free
 * {@link ZeroPadShortcut} are left out, as the paper and the usual counters leave them out. Padded cells are
 * counted like real ones.
 */
public final class MacCounter {
    private MacCounter() {
    }

    /** Total MACs of one sample. */
    public static long count(Model model) {
        return byLayer(model).values().stream().mapToLong(Long::longValue).sum();
    }

    /** MACs of one sample per counted layer, in the model's order. */
    public static Map<String, Long> byLayer(Model model) {
        Map<String, Long> macs = new LinkedHashMap<>();
        for (Node node : model.nodes()) {
            long m = macs(node);
            if (m > 0) {
                macs.merge(node.layer().name(), m, Long::sum);
            }
        }
        return macs;
    }

    private static long macs(Node node) {
        if (node.layer() instanceof Conv2D conv) {
            Shape out = node.shape();
            long cin = node.inputs().get(0).shape().dim(2);
            return (long) out.dim(0) * out.dim(1) * out.dim(2) * conv.kernelHeight() * conv.kernelWidth() * cin;
        }
        if (node.layer() instanceof Dense dense) {
            Shape in = node.inputs().get(0).shape();
            return (long) in.dim(in.rank() - 1) * dense.units();
        }
        return 0;
    }
}
