package org.resnet4j.tutorials.lesson10.solutions;

import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.nn.Softmax;
import org.resnet4j.ops.Padding;

/**
 * Exercise 2: the seed's network laid out as the paper's ResNet-18. In the seed, each stage is a {@code conv_block}
 * and two identity blocks; in the paper, stage 1 is two identity blocks (a) and stages 2 to 4 are a block b (two 3x3
 * convolutions, the first with stride 2, added to a projection of the input: a 1x1 convolution with stride 2 and a
 * BatchNorm) and one identity block. The stem stays the seed's single 3x3 convolution for 28x28 digits. Everything
 * else keeps the seed's habits (biases, Keras' BatchNorm defaults, {@code SAME} padding). The result has 17
 * convolutions, 3 projections and the dense layer: 18 weighted layers when, as the paper does, the projections are
 * not counted; and a shortcut around every block.
 */
public final class Exercise2Solution {
    private Exercise2Solution() {
    }

    /** The repaired network for {@code height x width x channels} images and {@code classes} classes. */
    public static Model withProjectionShortcuts(int height, int width, int channels, int classes) {
        Node inputs = Input.of(height, width, channels);
        Node x = convBnRelu(inputs, 64, 1);
        x = identityBlock(identityBlock(x, 64), 64);
        for (int filters : new int[] {128, 256, 512}) {
            x = identityBlock(projectionBlock(x, filters), filters);
        }
        x = GlobalAveragePooling2D.of().apply(x);
        Node outputs = Softmax.of().apply(Dense.of(classes).apply(x));
        return Model.of("mnist_resnet18_with_projections", inputs, outputs);
    }

    private static Node conv(Node in, int filters, int kernel, int strides) {
        return Conv2D.of(filters, kernel).withStrides(strides).withPadding(Padding.SAME).apply(in);
    }

    private static Node convBnRelu(Node in, int filters, int strides) {
        return ReLU.of().apply(BatchNormalization.of().apply(conv(in, filters, 3, strides)));
    }

    private static Node identityBlock(Node in, int filters) {
        Node y = BatchNormalization.of().apply(conv(convBnRelu(in, filters, 1), filters, 3, 1));
        return ReLU.of().apply(Add.of().apply(in, y));
    }

    private static Node projectionBlock(Node in, int filters) {
        Node y = BatchNormalization.of().apply(conv(convBnRelu(in, filters, 2), filters, 3, 1));
        Node shortcut = BatchNormalization.of().apply(conv(in, filters, 1, 2));
        return ReLU.of().apply(Add.of().apply(shortcut, y));
    }
}
