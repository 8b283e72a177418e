package org.resnet4j.tutorials.lesson03.solutions;

import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.Model;

/**
 * Exercise 3: what does the 18 in ResNet-18 count? The layers with weights on the main path: every convolution
 * except the projection shortcuts ({@code _0_conv}), plus the dense layer. BatchNorms, ReLUs, pools and adds are
 * not counted, and neither are projections, which are not on the path a plain network would have.
 */
public final class Exercise3Solution {
    private Exercise3Solution() {
    }

    /** Convolutions off the shortcuts plus dense layers. */
    public static long weightedLayers(Model model) {
        return model.layers().stream().filter(Exercise3Solution::counts).count();
    }

    private static boolean counts(Layer layer) {
        return layer instanceof Dense || layer instanceof Conv2D && !layer.name().endsWith("_0_conv");
    }
}
