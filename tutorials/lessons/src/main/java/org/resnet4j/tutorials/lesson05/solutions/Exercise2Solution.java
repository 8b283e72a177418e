package org.resnet4j.tutorials.lesson05.solutions;

import java.util.List;
import org.resnet4j.models.resnet.BlogResNet;
import org.resnet4j.models.resnet.ResNetConfig;
import org.resnet4j.tutorials.lesson04.DeeperResNetsLesson;

/**
 * Exercise 2: the blog also builds ResNet-50 with the same habits. Predict its trainable parameters from the
 * departures, then build it. Of the nine departures only the biases add parameters: ResNet-50's conv2_x opens
 * with a projection in the paper too (a block d with stride 1), so the blog's stride-2 block d adds nothing, and
 * ReLUs, epsilon, padding, dropout and flatten own no trainable parameter.
 */
public final class Exercise2Solution {
    private Exercise2Solution() {
    }

    /** torchvision's count plus one bias per filter of every convolution, from Table 1's row for ResNet-50. */
    public static long predictedTrainable() {
        ResNetConfig table = ResNetConfig.ofDepth(50);
        long biases = table.baseWidth();
        int width = table.baseWidth();
        List<Integer> stages = table.stageBlocks();
        for (int blocks : stages) {
            // Each bottleneck: 1x1 (width), 3x3 (width), 1x1 (4 x width); the stage's first block adds a projection.
            biases += blocks * (width + width + 4L * width) + 4L * width;
            width *= 2;
        }
        return DeeperResNetsLesson.TORCHVISION_PARAMETERS.get(50) + biases;
    }

    /** The trainable parameters of the blog's ResNet-50, built. */
    public static long builtTrainable() {
        return BlogResNet.build(50).trainableParameterCount();
    }
}
