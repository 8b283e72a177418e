package org.resnet4j.tutorials.lesson04.solutions;

import org.resnet4j.models.resnet.MacCounter;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNetConfig;
import org.resnet4j.models.resnet.StridePlacement;

/**
 * Exercise 3: how many more multiply-adds does v1.5 (stride on the 3x3) spend than v1 (stride on the first
 * 1x1)? Builds the network both ways and subtracts. Only the first 1x1 of each downsampling bottleneck changes:
 * in v1.5 it runs on the block's input size, four times the cells of its output. Networks of basic blocks have no
 * 1x1 on the main path, so for them nothing changes.
 */
public final class Exercise3Solution {
    private Exercise3Solution() {
    }

    /** {@code MACs(v1.5) - MACs(v1)} of the network {@code config} describes. */
    public static long extraMultiplyAddsOfV15(ResNetConfig config) {
        ResNetConfig v15 = config.withSettings(config.settings().withStridePlacement(StridePlacement.MIDDLE_3X3));
        ResNetConfig v1 = config.withSettings(config.settings().withStridePlacement(StridePlacement.FIRST_1X1));
        return MacCounter.count(ResNet.build(v15)) - MacCounter.count(ResNet.build(v1));
    }
}
