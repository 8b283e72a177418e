package org.resnet4j.models.resnet;

import org.resnet4j.nn.Activation;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Padding;

/** The convolution + BatchNorm (+ ReLU) unit every block and stem is made of, named the keras.applications way. */
final class ConvUnits {
    private ConvUnits() {
    }

    /** The padding a k x k convolution gets inside a block under {@code style}. */
    static Padding blockPadding(PaddingStyle style, int kernel) {
        if (kernel == 1) {
            return Padding.VALID;
        }
        return switch (style) {
            case TORCHVISION -> Padding.symmetric(kernel / 2);
            case KERAS_SAME, KERAS_APPLICATIONS, KERAS_SEED -> Padding.SAME;
        };
    }

    /** {@code NAME_conv} then {@code NAME_bn}. */
    static Node convBn(BlockSettings s, Node x, int filters, int kernel, int stride, String name) {
        return convBn(s, x, filters, kernel, stride, blockPadding(s.padding(), kernel), name);
    }

    /** {@code NAME_conv} with an explicit padding, then {@code NAME_bn}. */
    static Node convBn(BlockSettings s, Node x, int filters, int kernel, int stride, Padding padding, String name) {
        Conv2D conv = Conv2D.of(filters, kernel).withStrides(stride).withPadding(padding);
        if (!s.convBias()) {
            conv = conv.withoutBias();
        }
        Node y = conv.named(name + "_conv").apply(x);
        return BatchNormalization.of().withEpsilon(s.bnEpsilon()).named(name + "_bn").apply(y);
    }

    /** {@code NAME_conv}, {@code NAME_bn}, {@code NAME_relu}. */
    static Node convBnRelu(BlockSettings s, Node x, int filters, int kernel, int stride, String name) {
        return Activation.of("relu").named(name + "_relu").apply(convBn(s, x, filters, kernel, stride, name));
    }
}
