package org.resnet4j.models.resnet;

import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;

/**
 * The CIFAR-10 ResNets of the paper's section 4.2: a 3x3 convolution of 16 filters on a 32x32 input, three
 * stages of {@code n} basic blocks with 16, 32 and 64 filters (the second and third start with stride 2),
 * global average pooling and a 10-way dense layer with softmax; depth {@code 6n + 2} (20, 32, 44, 56, 110,
 * 1202). Stages are named conv2_x .. conv4_x, following the ImageNet networks' naming.
 */
public final class CifarResNet {
    private static final int[] WIDTHS = {16, 32, 64};

    private CifarResNet() {
    }

    /** The depth-{@code depth} CIFAR ResNet with torchvision-style conv settings and a softmax head. */
    public static Model build(int depth, CifarShortcut shortcut) {
        return build(depth, shortcut, BlockSettings.torchvision(), Head.SOFTMAX, 10);
    }

    /** The depth-{@code depth} CIFAR ResNet with explicit settings, head and class count. */
    public static Model build(int depth, CifarShortcut shortcut, BlockSettings s, Head head, int classes) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("A CIFAR ResNet expects a depth of 6n + 2 with n >= 1 (20, 32, 44, 56,"
                    + " 110, 1202). Received: " + depth);
        }
        int n = (depth - 2) / 6;
        Node input = Input.named("input_1", 32, 32, 3);
        Node x = ConvUnits.convBn(s, input, WIDTHS[0], 3, 1, "conv1");
        x = Activation.of("relu").named("conv1_relu").apply(x);
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            for (int i = 0; i < n; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                int width = WIDTHS[stage];
                boolean changes = stride != 1 || ResidualBlocks.channels(x) != width;
                Shortcut kind = !changes ? Shortcut.IDENTITY
                        : shortcut == CifarShortcut.A_ZERO_PAD ? Shortcut.ZERO_PAD : Shortcut.PROJECTION;
                x = ResidualBlocks.basic(s, x, width, stride, kind, "conv" + (stage + 2) + "_block" + (i + 1));
            }
        }
        x = ResNet.head(x, head, classes);
        String suffix = shortcut == CifarShortcut.A_ZERO_PAD ? "a" : "b";
        return Model.of("cifar_resnet" + depth + "_" + suffix, input, x);
    }
}
