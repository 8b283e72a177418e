package org.resnet4j.models.io;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the layer names of Keras ResNet weight files into this project's names, which follow
 * keras.applications ({@code conv1_conv}, {@code conv2_block1_1_conv}, {@code conv2_block1_0_conv} for the
 * shortcut, ..., {@code predictions}).
 *
 * <p>The original Keras ResNet50 (the file {@code resnet50_weights_tf_dim_ordering_tf_kernels.h5}) names layers
 * after the Caffe release: {@code conv1}, {@code bn_conv1}, {@code res2a_branch2a}, {@code bn2a_branch2a},
 * {@code res2a_branch1}, ..., {@code fc1000}. Stage 2 block "a" is block 1; branch 2a/2b/2c are the convolutions
 * 1/2/3 of the bottleneck, branch 1 is the projection shortcut (0). Blocks are letters ({@code a}, {@code b}, ...)
 * or, in the deeper Caffe models, {@code a}, {@code b1}, {@code b2}, ... Names already in keras.applications form
 * pass through unchanged.
 */
public final class KerasLayerNames {
    private static final Pattern CAFFE_CONV = Pattern.compile("res(\\d+)([a-z])(\\d*)_branch(1|2a|2b|2c)");
    private static final Pattern CAFFE_BN = Pattern.compile("bn(\\d+)([a-z])(\\d*)_branch(1|2a|2b|2c)");

    private KerasLayerNames() {
    }

    /** This project's name for Keras layer {@code kerasName}: translated if it is a Caffe-style name, else itself. */
    public static String toModelName(String kerasName) {
        return fromCaffeStyle(kerasName).orElse(kerasName);
    }

    /** The keras.applications name of a Caffe-style ResNet layer name, or empty if it is not one. */
    public static Optional<String> fromCaffeStyle(String kerasName) {
        switch (kerasName) {
            case "conv1":
                return Optional.of("conv1_conv");
            case "bn_conv1":
                return Optional.of("conv1_bn");
            case "fc1000":
                return Optional.of("predictions");
            default:
                break;
        }
        Matcher conv = CAFFE_CONV.matcher(kerasName);
        if (conv.matches()) {
            return Optional.of(blockName(conv) + "_conv");
        }
        Matcher bn = CAFFE_BN.matcher(kerasName);
        if (bn.matches()) {
            return Optional.of(blockName(bn) + "_bn");
        }
        return Optional.empty();
    }

    private static String blockName(Matcher m) {
        int stage = Integer.parseInt(m.group(1));
        return "conv" + stage + "_block" + blockNumber(m.group(2).charAt(0), m.group(3)) + "_" + branch(m.group(4));
    }

    // "a" -> 1, "b" -> 2, ...; in the deep Caffe models "b1" is the second block, "b22" the 23rd.
    private static int blockNumber(char letter, String suffix) {
        if (suffix.isEmpty()) {
            return letter - 'a' + 1;
        }
        return Integer.parseInt(suffix) + 1;
    }

    private static String branch(String caffeBranch) {
        switch (caffeBranch) {
            case "1":
                return "0";
            case "2a":
                return "1";
            case "2b":
                return "2";
            default:
                return "3";
        }
    }
}
