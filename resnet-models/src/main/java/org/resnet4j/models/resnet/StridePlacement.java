package org.resnet4j.models.resnet;

/** Which convolution of a downsampling bottleneck block carries the stride. */
public enum StridePlacement {
    /** On the first 1x1 convolution: the paper, Caffe and keras.applications ("ResNet v1"). */
    FIRST_1X1,
    /** On the 3x3 convolution: torchvision ("ResNet v1.5"); the 1x1 then sees every input cell. */
    MIDDLE_3X3
}
