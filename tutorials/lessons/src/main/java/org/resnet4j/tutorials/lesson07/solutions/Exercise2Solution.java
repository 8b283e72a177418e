package org.resnet4j.tutorials.lesson07.solutions;

import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.Model;

/**
 * Exercise 2: how many tensors does a torchvision ResNet's {@code state_dict()} hold? Count the layers of the model:
 * a convolution has its weight (no bias), a BatchNorm its weight, bias, running mean, running variance and
 * {@code num_batches_tracked}, the final {@code fc} a weight and a bias.
 */
public final class Exercise2Solution {
    private Exercise2Solution() {
    }

    /** The number of entries in {@code torchvision.models.resnetDEPTH().state_dict()}. */
    public static int stateDictEntries(int depth) {
        // The width changes the size of each tensor, never how many there are; a narrow network builds in a blink.
        Model model = ResNet.build(ResNets.torchvisionConfig(depth).withBaseWidth(4));
        int entries = 0;
        for (Layer layer : model.layers()) {
            if (layer instanceof Conv2D conv) {
                entries += conv.useBias() ? 2 : 1;
            } else if (layer instanceof BatchNormalization) {
                entries += 5;
            } else if (layer instanceof Dense dense) {
                entries += dense.useBias() ? 2 : 1;
            }
        }
        return entries;
    }
}
