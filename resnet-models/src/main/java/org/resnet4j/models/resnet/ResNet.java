package org.resnet4j.models.resnet;

import java.util.List;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.AveragePooling2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Flatten;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.Softmax;
import org.resnet4j.nn.ZeroPadding2D;
import org.resnet4j.ops.Padding;

/**
 * Builds the ImageNet ResNets of the paper's Table 1 from a {@link ResNetConfig}: a 7x7/2 stem and a 3x3/2
 * max pool, four stages conv2_x .. conv5_x of residual blocks whose width doubles and whose first block
 * downsamples by 2 (except conv2_x, which the max pool already downsampled), then the head.
 *
 * <p>The first block of every stage has a projection shortcut whenever its input and output shapes differ:
 * a b block in conv3_x .. conv5_x of ResNet-18/34, a d block at the start of every bottleneck stage
 * (conv2_x's is a d with stride 1, 64 to 256 channels). ResNet-18/34's conv2_x starts with an a block.
 */
public final class ResNet {
    private ResNet() {
    }

    /** The model {@code config} describes, with freshly initialised parameters. */
    public static Model build(ResNetConfig config) {
        Node input = Input.named("input_1", config.inputHeight(), config.inputWidth(), 3);
        Node x = stem(config.settings(), input, config.baseWidth());
        x = stages(config, x);
        x = head(x, config.head(), config.classes());
        return Model.of(config.name(), input, x);
    }

    /** conv1 (7x7/2, {@code filters}) -> BN -> ReLU -> pool1 (3x3/2 max pool), padded as the style says. */
    public static Node stem(BlockSettings s, Node x, int filters) {
        Node y;
        Node pooled;
        switch (s.padding()) {
            case TORCHVISION -> {
                y = ConvUnits.convBn(s, x, filters, 7, 2, Padding.symmetric(3), "conv1");
                y = relu(y, "conv1_relu");
                pooled = MaxPooling2D.of(3, 2).withPadding(Padding.symmetric(1)).named("pool1_pool").apply(y);
            }
            case KERAS_SAME -> {
                y = ConvUnits.convBn(s, x, filters, 7, 2, Padding.SAME, "conv1");
                y = relu(y, "conv1_relu");
                pooled = MaxPooling2D.of(3, 2).withPadding(Padding.SAME).named("pool1_pool").apply(y);
            }
            case KERAS_APPLICATIONS -> {
                Node padded = ZeroPadding2D.of(3).named("conv1_pad").apply(x);
                y = ConvUnits.convBn(s, padded, filters, 7, 2, Padding.VALID, "conv1");
                y = relu(y, "conv1_relu");
                // Zero padding is as good as -infinity here: the ReLU before it makes every value >= 0.
                Node poolPadded = ZeroPadding2D.of(1).named("pool1_pad").apply(y);
                pooled = MaxPooling2D.of(3, 2).named("pool1_pool").apply(poolPadded);
            }
            case KERAS_SEED -> {
                Node padded = ZeroPadding2D.of(3).named("conv1_pad").apply(x);
                y = ConvUnits.convBn(s, padded, filters, 7, 2, Padding.VALID, "conv1");
                y = relu(y, "conv1_relu");
                pooled = MaxPooling2D.of(3, 2).named("pool1_pool").apply(y);
            }
            default -> throw new IllegalStateException("unreachable: " + s.padding());
        }
        return pooled;
    }

    private static Node stages(ResNetConfig c, Node x) {
        List<Integer> blocks = c.stageBlocks();
        int width = c.baseWidth();
        for (int stage = 0; stage < blocks.size(); stage++) {
            int stride = stage == 0 ? 1 : 2;
            for (int i = 0; i < blocks.get(stage); i++) {
                String name = "conv" + (stage + 2) + "_block" + (i + 1);
                int s = i == 0 ? stride : 1;
                x = block(c.settings(), c.blockType(), x, width, s, name);
            }
            width *= 2;
        }
        return x;
    }

    /** One block of {@code type}; projection shortcut exactly when the shape changes. */
    static Node block(BlockSettings s, BlockType type, Node x, int width, int stride, String name) {
        int out = width * type.expansion();
        Shortcut shortcut = stride != 1 || ResidualBlocks.channels(x) != out ? Shortcut.PROJECTION : Shortcut.IDENTITY;
        return type == BlockType.BASIC
                ? ResidualBlocks.basic(s, x, width, stride, shortcut, name)
                : ResidualBlocks.bottleneck(s, x, width, stride, shortcut, name);
    }

    /**
     * {@code avg_pool} (-> {@code flatten}) -> {@code predictions} (-> {@code predictions_softmax}), or nothing for
     * features.
     */
    public static Node head(Node x, Head head, int classes) {
        if (head == Head.FEATURES) {
            return x;
        }
        Node pooled = head == Head.AVERAGE_POOL_7X7_FLATTEN_SOFTMAX
                ? Flatten.of().named("flatten").apply(AveragePooling2D.of(7).named("avg_pool").apply(x))
                : GlobalAveragePooling2D.of().named("avg_pool").apply(x);
        Node logits = Dense.of(classes).named("predictions").apply(pooled);
        return head == Head.LOGITS ? logits : Softmax.of().named("predictions_softmax").apply(logits);
    }

    private static Node relu(Node x, String name) {
        return Activation.of("relu").named(name).apply(x);
    }
}
