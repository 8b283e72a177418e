package org.resnet4j.models.io;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps torchvision module paths ({@code layer1.0.conv1}, {@code layer2.0.downsample.1}, {@code fc}) to this
 * project's keras.applications-style layer names ({@code conv2_block1_1_conv}, {@code conv3_block1_0_bn},
 * {@code predictions}), and back ({@link #module}). A mapper returns {@code null} for a module it does not know.
 */
public final class TorchvisionNames {
    private static final Pattern STAGE_BLOCK = Pattern.compile("layer(\\d+)\\.(\\d+)\\.(.+)");
    private static final Pattern IN_BLOCK = Pattern.compile("(conv|bn)(\\d+)|downsample\\.(0|1)");
    private static final Pattern BLOCK_LAYER = Pattern.compile(
            "conv([1-9]\\d{0,8})_block([1-9]\\d{0,8})_(0|[1-9]\\d{0,8})_(conv|bn)");

    private TorchvisionNames() {
    }

    /** The mapper for a whole torchvision {@code ResNet}: stem, {@code layerL.B.*} blocks and {@code fc}. */
    public static UnaryOperator<String> network() {
        return module -> {
            switch (module) {
                case "conv1":
                    return "conv1_conv";
                case "bn1":
                    return "conv1_bn";
                case "fc":
                    return "predictions";
                default:
                    Matcher m = STAGE_BLOCK.matcher(module);
                    if (!m.matches()) {
                        return null;
                    }
                    String prefix = "conv" + (Integer.parseInt(m.group(1)) + 1) + "_block"
                            + (Integer.parseInt(m.group(2)) + 1);
                    return inBlock(prefix, m.group(3));
            }
        };
    }

    /**
     * The mapper for one torchvision {@code BasicBlock} or {@code Bottleneck} saved on its own ({@code conv1},
     * {@code bn1}, ..., {@code downsample.0}), whose layers here are named {@code blockPrefix_*}.
     */
    public static UnaryOperator<String> block(String blockPrefix) {
        return module -> inBlock(blockPrefix, module);
    }

    private static String inBlock(String prefix, String module) {
        Matcher m = IN_BLOCK.matcher(module);
        if (!m.matches()) {
            return null;
        }
        if (m.group(3) != null) {
            return prefix + (m.group(3).equals("0") ? "_0_conv" : "_0_bn");
        }
        return prefix + "_" + m.group(2) + ("conv".equals(m.group(1)) ? "_conv" : "_bn");
    }

    /**
     * The torchvision module path of one of {@link #network()}'s layers, its inverse: {@code conv1_conv} is
     * {@code conv1}, {@code conv3_block1_0_bn} is {@code layer2.0.downsample.1}, {@code predictions} is {@code fc};
     * {@code null} for a layer name that no torchvision module maps to.
     */
    public static String module(String layer) {
        switch (layer) {
            case "conv1_conv":
                return "conv1";
            case "conv1_bn":
                return "bn1";
            case "predictions":
                return "fc";
            default:
                Matcher m = BLOCK_LAYER.matcher(layer);
                // Stages start at conv2 (layer1); conv1 is the stem, which has no blocks.
                if (!m.matches() || Integer.parseInt(m.group(1)) < 2) {
                    return null;
                }
                String prefix = "layer" + (Integer.parseInt(m.group(1)) - 1) + "." + (Integer.parseInt(m.group(2)) - 1)
                        + ".";
                int k = Integer.parseInt(m.group(3));
                boolean bn = m.group(4).equals("bn");
                if (k == 0) {
                    return prefix + "downsample." + (bn ? 1 : 0);
                }
                return prefix + m.group(4) + k;
        }
    }
}
