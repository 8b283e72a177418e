package org.resnet4j.tutorials.lesson03.solutions;

import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNetConfig;

/**
 * Exercise 1: to classify 10 kinds of objects instead of ImageNet's 1000, only the last dense layer changes.
 * How many trainable parameters does ResNet-18 have then? Only the head's {@code 512 * classes + classes}
 * changes; the 11,176,512 parameters before it stay.
 */
public final class Exercise1Solution {
    private Exercise1Solution() {
    }

    /** Trainable parameters of torchvision's ResNet-18 with a head of {@code classes} outputs. */
    public static long trainableParameters(int classes) {
        return ResNet.build(ResNetConfig.ofDepth(18).withClasses(classes)).trainableParameterCount();
    }
}
