package org.resnet4j.models.resnet;

/** The two residual functions of the paper (Fig. 5). */
public enum BlockType {
    /** Two 3x3 convolutions (ResNet-18/34, CIFAR ResNets); expansion 1. */
    BASIC(1),
    /** 1x1 reduce, 3x3, 1x1 expand by 4 (ResNet-50/101/152). */
    BOTTLENECK(4);

    private final int expansion;

    BlockType(int expansion) {
        this.expansion = expansion;
    }

    /** Output channels divided by the block's width. */
    public int expansion() {
        return expansion;
    }
}
