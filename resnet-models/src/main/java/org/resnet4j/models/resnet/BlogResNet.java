package org.resnet4j.models.resnet;

import java.util.List;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Dropout;
import org.resnet4j.nn.Flatten;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.Softmax;
import org.resnet4j.ops.Padding;

/**
 * The Keras ResNets of the seed blog "Keras教学(10)" reproduced as they are written, departures from the paper
 * included (see {@code docs/blog-resnet18.md}): every convolution is Keras' default {@code Conv2D} (bias on,
 * {@code SAME}) followed by a default {@code BatchNormalization} (epsilon 1e-3) and a ReLU, also the last one
 * before the add and the one on the projection shortcut; nothing follows the add; conv1 has stride 1 and
 * every stage, conv2_x included, opens with a stride-2 projection block; the head is global average pool,
 * flatten, dense, dropout 0.5, softmax. Layers keep Keras' automatic names, so the summary reads like the
 * blog's printout.
 */
public final class BlogResNet {
    private BlogResNet() {
    }

    /** The blog's ResNet-18 (its printout: 11,708,328 parameters, 9,728 of them non-trainable). */
    public static Model resnet18() {
        return build(18);
    }

    /** The blog's network of {@code depth} (18, 34, 50, 101, 152), 224x224x3 input, 1000 classes. */
    public static Model build(int depth) {
        return build(depth, 64, 224);
    }

    /**
     * The same wiring with another conv1 width and square input size: cheap variants for tests, and the command
     * line's {@code --input}.
     */
    public static Model build(int depth, int baseFilters, int inputSize) {
        ResNetConfig table = ResNetConfig.ofDepth(depth);
        List<Integer> stages = table.stageBlocks();
        boolean bottleneck = table.blockType() == BlockType.BOTTLENECK;
        Node input = Input.of(inputSize, inputSize, 3);
        Node x = convBnRelu(input, baseFilters, 7, 1);
        x = MaxPooling2D.of(3, 2).withPadding(Padding.SAME).apply(x);
        int filters = baseFilters;
        for (int blocks : stages) {
            for (int j = 0; j < blocks; j++) {
                boolean opening = j == 0;
                x = bottleneck ? bottleneckBlock(x, filters, opening) : basicBlock(x, filters, opening);
            }
            filters *= 2;
        }
        x = GlobalAveragePooling2D.of().apply(x);
        x = Flatten.of().apply(x);
        x = Dense.of(1000).apply(x);
        x = Dropout.of(0.5).apply(x);
        x = Softmax.of().apply(x);
        return Model.of("blog_resnet" + depth, input, x);
    }

    private static Node basicBlock(Node in, int filters, boolean downsample) {
        int stride = downsample ? 2 : 1;
        Node x = convBnRelu(in, filters, 3, stride);
        x = convBnRelu(x, filters, 3, 1);
        Node shortcut = downsample ? convBnRelu(in, filters, 1, 2) : in;
        return Add.of().apply(x, shortcut);
    }

    private static Node bottleneckBlock(Node in, int filters, boolean downsample) {
        int stride = downsample ? 2 : 1;
        Node x = convBnRelu(in, filters, 1, stride);
        x = convBnRelu(x, filters, 3, 1);
        x = convBnRelu(x, filters * 4, 1, 1);
        Node shortcut = downsample ? convBnRelu(in, filters * 4, 1, 2) : in;
        return Add.of().apply(x, shortcut);
    }

    private static Node convBnRelu(Node in, int filters, int kernel, int stride) {
        Node x = Conv2D.of(filters, kernel).withStrides(stride).withPadding(Padding.SAME).apply(in);
        x = BatchNormalization.of().apply(x);
        return Activation.of("relu").apply(x);
    }
}
