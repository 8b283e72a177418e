package org.resnet4j.tutorials.lesson04.solutions;

import org.resnet4j.models.resnet.ResNetConfig;
import org.resnet4j.tutorials.lesson04.DeeperResNetsLesson;

/**
 * Exercise 1: a network's depth from its row of Table 1. The stem convolution, the convolutions of every block
 * on the main path (2 in a basic block, 3 in a bottleneck) and the dense layer; projections, BatchNorms and
 * pools do not count.
 */
public final class Exercise1Solution {
    private Exercise1Solution() {
    }

    /** {@code 1 + convolutions per block * blocks + 1}, from the configuration alone. */
    public static int depthOf(ResNetConfig config) {
        int blocks = config.stageBlocks().stream().mapToInt(Integer::intValue).sum();
        return 1 + DeeperResNetsLesson.convolutionsPerBlock(config.blockType()) * blocks + 1;
    }
}
