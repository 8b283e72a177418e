package org.resnet4j.tutorials.lesson07.solutions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exercise 1: the original Keras ResNet-50 file names its layers the Caffe way ({@code res2a_branch2a},
 * {@code bn4b22_branch2c}); keras.applications and ResNet4J name them by stage, block and position
 * ({@code conv2_block1_1_conv}). Translate one name into the other.
 */
public final class Exercise1Solution {
    // res|bn, stage digit, block ("a", "b", ... or Caffe's "b1", "b2", ... for the long stages), then branch.
    private static final Pattern BRANCH = Pattern.compile("(res|bn)(\\d)([a-z])(\\d*)_branch(1|2a|2b|2c)");

    private Exercise1Solution() {
    }

    /** The keras.applications name of the Caffe-style layer {@code caffeName}. */
    public static String kerasName(String caffeName) {
        switch (caffeName) {
            case "conv1":
                return "conv1_conv";
            case "bn_conv1":
                return "conv1_bn";
            case "fc1000":
                return "predictions";
            default:
                break;
        }
        Matcher m = BRANCH.matcher(caffeName);
        if (!m.matches()) {
            throw new IllegalArgumentException("kerasName expects a Caffe-style ResNet layer name such as "
                    + "res2a_branch2a, bn3b_branch2c or fc1000. Received: " + caffeName);
        }
        // "a" is block 1, "b" block 2, ...; in "b22" the number counts on from "b": block 22 + 1.
        int block = m.group(4).isEmpty() ? m.group(3).charAt(0) - 'a' + 1 : Integer.parseInt(m.group(4)) + 1;
        String position = switch (m.group(5)) {
            case "1" -> "0";
            case "2a" -> "1";
            case "2b" -> "2";
            default -> "3";
        };
        String kind = m.group(1).equals("res") ? "conv" : "bn";
        return "conv" + m.group(2) + "_block" + block + "_" + position + "_" + kind;
    }
}
