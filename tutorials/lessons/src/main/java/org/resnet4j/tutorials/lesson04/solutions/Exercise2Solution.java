package org.resnet4j.tutorials.lesson04.solutions;

import java.util.List;
import org.resnet4j.models.resnet.BlockType;
import org.resnet4j.models.resnet.ResNetConfig;

/**
 * Exercise 2: a network's trainable parameters from its row of Table 1, with arithmetic only (no model is
 * built): {@code k * k * cin * cout} per convolution (no bias), {@code 2 * channels} per BatchNorm
 * ({@code gamma}, {@code beta}), a projection wherever a block changes the shape, and the dense head.
 */
public final class Exercise2Solution {
    private Exercise2Solution() {
    }

    /** Trainable parameters of the network {@code config} describes. */
    public static long trainableParameters(ResNetConfig config) {
        int width = config.baseWidth();
        long total = convBn(7, 3, width);
        int channels = width;
        List<Integer> stages = config.stageBlocks();
        for (int stage = 0; stage < stages.size(); stage++) {
            boolean downsample = stage > 0;
            for (int block = 0; block < stages.get(stage); block++) {
                boolean first = block == 0;
                int out = config.blockType() == BlockType.BASIC ? width : 4 * width;
                total += config.blockType() == BlockType.BASIC ? basic(channels, width) : bottleneck(channels, width);
                if (first && (downsample || channels != out)) {
                    total += convBn(1, channels, out);
                }
                channels = out;
            }
            width *= 2;
        }
        return total + (long) channels * config.classes() + config.classes();
    }

    private static long basic(int in, int width) {
        return convBn(3, in, width) + convBn(3, width, width);
    }

    private static long bottleneck(int in, int width) {
        return convBn(1, in, width) + convBn(3, width, width) + convBn(1, width, 4 * width);
    }

    /** A k x k convolution without bias and the BatchNorm after it. */
    private static long convBn(int k, int in, int out) {
        return (long) k * k * in * out + 2L * out;
    }
}
