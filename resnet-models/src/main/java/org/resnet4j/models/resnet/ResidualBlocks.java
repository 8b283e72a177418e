package org.resnet4j.models.resnet;

import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.Node;

/**
 * The residual blocks of the paper, written once: the basic block (a: identity shortcut, b: projection) and
 * the bottleneck block (c: identity, d: projection). Every block ends with {@code relu(shortcut + residual)};
 * the shortcut itself has no ReLU. Layers are named as keras.applications names them, with {@code name} the
 * block's prefix such as {@code conv2_block1}: {@code _1_conv}, {@code _1_bn}, {@code _1_relu}, ...,
 * {@code _0_conv}/{@code _0_bn} for a projection, {@code _add} and {@code _out}.
 */
public final class ResidualBlocks {
    private ResidualBlocks() {
    }

    /** Block a: basic, identity shortcut; keeps the shape. */
    public static Node a(BlockSettings s, Node x, String name) {
        return basic(s, x, channels(x), 1, Shortcut.IDENTITY, name);
    }

    /** Block b: basic, projection shortcut (1x1 conv with stride {@code stride} + BN). */
    public static Node b(BlockSettings s, Node x, int filters, int stride, String name) {
        return basic(s, x, filters, stride, Shortcut.PROJECTION, name);
    }

    /** Block c: bottleneck, identity shortcut; the input must have {@code 4 * width} channels. */
    public static Node c(BlockSettings s, Node x, int width, String name) {
        return bottleneck(s, x, width, 1, Shortcut.IDENTITY, name);
    }

    /** Block d: bottleneck, projection shortcut; outputs {@code 4 * width} channels. */
    public static Node d(BlockSettings s, Node x, int width, int stride, String name) {
        return bottleneck(s, x, width, stride, Shortcut.PROJECTION, name);
    }

    /** The basic block: 3x3 conv (stride) -> BN -> ReLU -> 3x3 conv -> BN, added to the shortcut, then ReLU. */
    public static Node basic(BlockSettings s, Node x, int filters, int stride, Shortcut shortcut, String name) {
        Node sc = shortcut(s, x, filters, stride, shortcut, name);
        Node y = ConvUnits.convBnRelu(s, x, filters, 3, stride, name + "_1");
        y = ConvUnits.convBn(s, y, filters, 3, 1, name + "_2");
        return merge(sc, y, name);
    }

    /**
     * The bottleneck block: 1x1 conv to {@code width} -> BN -> ReLU -> 3x3 conv -> BN -> ReLU -> 1x1 conv to
     * {@code 4 * width} -> BN, added to the shortcut, then ReLU. The stride sits on the first 1x1 or on the 3x3
     * as {@link BlockSettings#stridePlacement()} says.
     */
    public static Node bottleneck(BlockSettings s, Node x, int width, int stride, Shortcut shortcut, String name) {
        int out = width * BlockType.BOTTLENECK.expansion();
        boolean onFirst = s.stridePlacement() == StridePlacement.FIRST_1X1;
        Node sc = shortcut(s, x, out, stride, shortcut, name);
        Node y = ConvUnits.convBnRelu(s, x, width, 1, onFirst ? stride : 1, name + "_1");
        y = ConvUnits.convBnRelu(s, y, width, 3, onFirst ? 1 : stride, name + "_2");
        y = ConvUnits.convBn(s, y, out, 1, 1, name + "_3");
        return merge(sc, y, name);
    }

    private static Node shortcut(BlockSettings s, Node x, int out, int stride, Shortcut kind, String name) {
        return switch (kind) {
            case IDENTITY -> {
                if (stride != 1 || channels(x) != out) {
                    throw new IllegalArgumentException(name + " expects an input of " + out
                            + " channels and stride 1 for an identity shortcut. Received: shape=" + x.shape()
                            + ", stride=" + stride);
                }
                yield x;
            }
            case PROJECTION -> ConvUnits.convBn(s, x, out, 1, stride, name + "_0");
            case ZERO_PAD -> ZeroPadShortcut.of(out, stride).named(name + "_0_pad").apply(x);
        };
    }

    private static Node merge(Node shortcut, Node residual, String name) {
        Node sum = Add.of().named(name + "_add").apply(shortcut, residual);
        return Activation.of("relu").named(name + "_out").apply(sum);
    }

    static int channels(Node x) {
        if (x.shape().rank() != 3) {
            throw new IllegalArgumentException("A residual block expects a feature map [h, w, c]. Received: shape="
                    + x.shape());
        }
        return x.shape().dim(2);
    }
}
