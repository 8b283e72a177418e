package org.resnet4j.tutorials.lesson11;

import org.resnet4j.models.resnet.CifarResNet;
import org.resnet4j.models.resnet.Head;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Padding;

/**
 * The paper's "plain" CIFAR-10 networks (section 4.2, figure 6): {@link CifarResNet} with every shortcut and addition
 * removed. The same stem, the same 3x3 convolutions (no bias, symmetric padding 1, BatchNorm epsilon 1e-5) with 16,
 * 32 and 64 filters, the same strides and head, so the two have exactly the same layers with weights and the same
 * parameter count (option A's shortcut has none); only the {@code x +} of {@code relu(x + F(x))} is missing, and
 * each block is {@code relu(F(x))}. Depth {@code 6n + 2}.
 */
public final class PlainCifarNet {
    private static final int[] WIDTHS = {16, 32, 64};

    private PlainCifarNet() {
    }

    /** The plain network of depth {@code 6n + 2} with a softmax head over 10 classes. */
    public static Model build(int depth) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("PlainCifarNet expects a depth of 6n + 2 with n >= 1 (8, 14, 20, 32,"
                    + " 44, 56). Received: " + depth);
        }
        int n = (depth - 2) / 6;
        Node input = Input.named("input_1", 32, 32, 3);
        Node x = convBn(input, WIDTHS[0], 1, "conv1");
        x = Activation.of("relu").named("conv1_relu").apply(x);
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            for (int i = 0; i < n; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                String name = "conv" + (stage + 2) + "_block" + (i + 1);
                // The residual block's two convolutions, the shortcut and its add left out.
                x = Activation.of("relu").named(name + "_1_relu").apply(convBn(x, WIDTHS[stage], stride,
                        name + "_1"));
                x = Activation.of("relu").named(name + "_out").apply(convBn(x, WIDTHS[stage], 1, name + "_2"));
            }
        }
        x = ResNet.head(x, Head.SOFTMAX, 10);
        return Model.of("cifar_plain" + depth, input, x);
    }

    private static Node convBn(Node x, int filters, int stride, String name) {
        Node y = Conv2D.of(filters, 3).withStrides(stride).withPadding(Padding.symmetric(1)).withoutBias()
                .named(name + "_conv").apply(x);
        return BatchNormalization.of().withEpsilon(1e-5).named(name + "_bn").apply(y);
    }
}
