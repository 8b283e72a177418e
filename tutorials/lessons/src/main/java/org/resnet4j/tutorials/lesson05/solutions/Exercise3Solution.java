package org.resnet4j.tutorials.lesson05.solutions;

import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.Softmax;
import org.resnet4j.ops.Padding;

/**
 * Exercise 3: repair the blog's network in the blog's own style (Keras layers with automatic names, {@code SAME}
 * padding) so that it follows the paper: conv1 with stride 2, conv2_x opening with an identity block, the ReLU
 * after the add, no ReLU on the projection, no convolution bias, BatchNorm epsilon 1e-5, and no dropout or flatten.
 * Its summary then shows torchvision's 11,689,512 trainable parameters. Only the padding stays Keras': shapes and
 * counts are those of torchvision's network, the numbers would differ slightly (lesson 6).
 */
public final class Exercise3Solution {
    private Exercise3Solution() {
    }

    /** The paper's ResNet-18, written the way the blog writes Keras. */
    public static Model paperResNet18() {
        Node input = Input.of(224, 224, 3);
        Node x = Activation.of("relu").apply(convBn(input, 64, 7, 2));
        x = MaxPooling2D.of(3, 2).withPadding(Padding.SAME).apply(x);
        int filters = 64;
        for (int stage = 0; stage < 4; stage++) {
            for (int block = 0; block < 2; block++) {
                x = basicBlock(x, filters, stage > 0 && block == 0);
            }
            filters *= 2;
        }
        x = GlobalAveragePooling2D.of().apply(x);
        x = Dense.of(1000).apply(x);
        x = Softmax.of().apply(x);
        return Model.of("paper_resnet18", input, x);
    }

    private static Node basicBlock(Node in, int filters, boolean downsample) {
        int stride = downsample ? 2 : 1;
        Node f = Activation.of("relu").apply(convBn(in, filters, 3, stride));
        f = convBn(f, filters, 3, 1);
        Node shortcut = downsample ? convBn(in, filters, 1, 2) : in;
        return Activation.of("relu").apply(Add.of().apply(f, shortcut));
    }

    private static Node convBn(Node in, int filters, int kernel, int stride) {
        Node x = Conv2D.of(filters, kernel).withStrides(stride).withPadding(Padding.SAME).withoutBias().apply(in);
        return BatchNormalization.of().withEpsilon(1e-5).apply(x);
    }
}
