package org.resnet4j.models.resnet;

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
 * The "ResNet-18" that the seed post trains on MNIST digits, rebuilt exactly as its Keras code writes it (preset
 * {@code mnist-resnet18}).
 *
 * <p>The post defines {@code conv_block(x, filters, strides)} = {@code Conv2D(filters, 3, strides, "same")},
 * {@code BatchNormalization()}, {@code ReLU()}, and {@code identity_block(x, filters)} = two such 3x3 convolutions
 * (the second without its ReLU), {@code Add()([x, y])}, {@code ReLU()}. The network is: input 28x28x1; for 64, 128,
 * 256, 512 filters (strides 1, 2, 2, 2) one {@code conv_block} and two {@code identity_block}s; then
 * {@code GlobalAveragePooling2D} and {@code Dense(10, activation="softmax")}. Every layer has Keras' defaults
 * (convolutions with bias, BatchNormalization epsilon 1e-3 and momentum 0.99) and its automatic name
 * ({@code conv2d_7}, {@code batch_normalization_7}, {@code re_lu_5}, {@code add_2}), so {@link Model#summary()}
 * reads like the printout of the post's {@code model.summary()}. 14,111,754 parameters, 9,600 of them the
 * BatchNorms' non-trainable moving statistics (checked against {@code seed_mnist_resnet18_counts.py}).
 *
 * <p>Where it departs from the paper's ResNet-18 (He et al. 2015, Table 1):
 * <ul>
 *   <li>It has 20 convolutions and one dense layer (21 weighted layers, not 18): a stem convolution, 16 in the
 *       eight identity blocks, and three {@code conv_block}s between the stages.</li>
 *   <li>There is no projection or zero-padding shortcut. The {@code conv_block}s that change the width (and halve
 *       the resolution) are plain convolutions with no residual path around them; only the eight identity blocks
 *       have one, so the network has 8 residual additions, all identity.</li>
 *   <li>The stem is a 3x3 stride-1 convolution with no max pool (the paper: 7x7 stride 2, then a 3x3 stride-2 max
 *       pool), sensible for 28x28 digits: the maps are 28, 14, 7 and 4 pixels wide (TensorFlow's {@code SAME}
 *       rounds 7/2 up).</li>
 *   <li>Every convolution has a bias that the BatchNorm after it cancels (the paper's have none): 4,800 wasted
 *       parameters.</li>
 * </ul>
 * Keras fuses the softmax into the dense layer; here it is a separate, parameter-free {@link Softmax} layer after
 * {@code dense} (as in every head of this package), so the summary has one more row than Keras' and the same totals.
 */
public final class MnistResNet {
    /** The seed's input side: MNIST's 28x28 pixels. */
    public static final int MNIST_SIDE = 28;
    /** The seed's ten digit classes. */
    public static final int MNIST_CLASSES = 10;

    private MnistResNet() {
    }

    /** The seed's network: 28x28x1 input, ten classes. */
    public static Model resnet18() {
        return resnet18(MNIST_SIDE, MNIST_SIDE, 1, MNIST_CLASSES);
    }

    /**
     * The same wiring for another input and head, for example {@code resnet18(32, 32, 3, 10)} for CIFAR-10. Only the
     * stem's input channels and the dense layer's units change the parameter count.
     */
    public static Model resnet18(int height, int width, int channels, int classes) {
        Node inputs = Input.of(height, width, channels);
        Node x = inputs;
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < widths.length; stage++) {
            x = convBlock(x, widths[stage], stage == 0 ? 1 : 2);
            x = identityBlock(x, widths[stage]);
            x = identityBlock(x, widths[stage]);
        }
        x = GlobalAveragePooling2D.of().apply(x);
        x = Dense.of(classes).apply(x);
        Node outputs = Softmax.of().apply(x);
        return Model.of("mnist_resnet18", inputs, outputs);
    }

    private static Node convBlock(Node in, int filters, int strides) {
        Node x = Conv2D.of(filters, 3).withStrides(strides).withPadding(Padding.SAME).apply(in);
        x = BatchNormalization.of().apply(x);
        return ReLU.of().apply(x);
    }

    private static Node identityBlock(Node in, int filters) {
        Node x = convBlock(in, filters, 1);
        x = Conv2D.of(filters, 3).withPadding(Padding.SAME).apply(x);
        x = BatchNormalization.of().apply(x);
        // The seed writes Add()([inputs, x]): the block's input first.
        x = Add.of().apply(in, x);
        return ReLU.of().apply(x);
    }
}
