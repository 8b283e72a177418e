package org.resnet4j.tutorials.lesson08.solutions;

import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.MacCounter;
import org.resnet4j.models.resnet.ResNets;

/**
 * Exercise 2: how many multiply-adds does one 32x32 image cost? ResNet-1202 has 11 times the parameters of ResNet-110
 * and about 11 times its multiply-adds, which at 32x32 is still less than ResNet-34 spends on one 224x224 image.
 */
public final class Exercise2Solution {
    private Exercise2Solution() {
    }

    /** Multiply-adds of one image through the option-A CIFAR ResNet of {@code depth} layers. */
    public static long multiplyAdds(int depth) {
        return MacCounter.count(ResNets.cifar(depth, CifarShortcut.A_ZERO_PAD));
    }
}
