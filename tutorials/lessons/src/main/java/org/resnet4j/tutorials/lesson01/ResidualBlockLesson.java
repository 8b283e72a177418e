package org.resnet4j.tutorials.lesson01;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.resnet4j.models.resnet.BlockSettings;
import org.resnet4j.models.resnet.ResidualBlocks;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ParameterStore;
import org.resnet4j.nn.ReLU;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.Shape;

/**
 * Lesson 1: the residual idea and block a. Builds the identity block of ResNet-18's conv2_x by hand from
 * layers, prints its layers, shapes, parameters and summary, then checks that resnet-models'
 * {@link ResidualBlocks#a} builds the same network. No forward pass: every number comes from the model graph.
 */
public final class ResidualBlockLesson {
    /** Height and width of the feature maps in conv2_x of ResNet-18. */
    public static final int SIZE = 56;
    /** Channels of the feature maps in conv2_x of ResNet-18. */
    public static final int CHANNELS = 64;
    /** torchvision's BatchNorm epsilon, so the hand-built block matches {@link BlockSettings#torchvision()}. */
    public static final double BN_EPSILON = 1e-5;

    private ResidualBlockLesson() {
    }

    /** Prints the lesson; takes no arguments. */
    public static void main(String[] args) {
        PrintStream out = System.out;

        out.println("== Block a by hand: y = relu(x + F(x)) for x of shape [56, 56, 64] (conv2_x of ResNet-18)");
        Node x = Input.named("x", SIZE, SIZE, CHANNELS);
        Model byHand = Model.of("block_a_by_hand", x, blockA(x, "conv2_block1"));
        LayerTable.print(byHand, out);

        out.println();
        out.println("== Where the parameters are");
        ParameterStore parameters = byHand.parameters();
        Shape kernel = parameters.shape("conv2_block1_1_conv/kernel");
        out.printf(Locale.ROOT, "each 3x3 convolution: kernel %s, %d x %d x %d x %d = %,d weights (no bias)%n", kernel,
                kernel.dim(0), kernel.dim(1), kernel.dim(2), kernel.dim(3), kernel.sizeAsLong());
        long batchNorm = parametersOf(byHand, "conv2_block1_1_bn");
        out.printf(Locale.ROOT,
                "each BatchNorm: gamma, beta, moving mean, moving variance of %d channels, 4 x %d = %,d%n", CHANNELS,
                CHANNELS, batchNorm);
        out.printf(Locale.ROOT, "the shortcut, the add and the ReLUs: %,d%n", parametersOf(byHand, "conv2_block1_add")
                + parametersOf(byHand, "conv2_block1_1_relu") + parametersOf(byHand, "conv2_block1_out"));
        out.printf(Locale.ROOT, "block a: 2 x %,d + 2 x %,d = %,d parameters, %,d trainable, %,d non-trainable%n",
                kernel.sizeAsLong(), batchNorm, byHand.parameterCount(), byHand.trainableParameterCount(),
                byHand.nonTrainableParameterCount());

        out.println();
        out.println("== The same block as Model.summary() prints it (the Keras layout)");
        out.print(byHand.summary());

        out.println();
        out.println("== The same block from resnet-models: "
                + "ResidualBlocks.a(BlockSettings.torchvision(), x, \"conv2_block1\")");
        Node x2 = Input.named("x", SIZE, SIZE, CHANNELS);
        Model fromLibrary = Model.of("block_a", x2, ResidualBlocks.a(BlockSettings.torchvision(), x2, "conv2_block1"));
        List<String> differences = GraphComparison.differences(byHand, fromLibrary);
        out.printf(Locale.ROOT, "layers: %d and %d; parameters: %,d and %,d%n", byHand.nodes().size(),
                fromLibrary.nodes().size(), byHand.parameterCount(), fromLibrary.parameterCount());
        out.println("differences (names, kinds, settings, shapes, parameters, wiring): "
                + (differences.isEmpty() ? "none" : differences.size()));
        differences.forEach(d -> out.println("  " + d));
    }

    /**
     * Block a by hand. The residual branch F(x) is 3x3 conv, BatchNorm, ReLU, 3x3 conv, BatchNorm; the shortcut
     * is x itself; the block returns relu(x + F(x)). Layers are named the keras.applications way from
     * {@code name} (for example {@code conv2_block1_1_conv}) so the result can be compared with resnet-models.
     */
    public static Node blockA(Node x, String name) {
        int channels = x.shape().dim(2);
        Node f = conv3x3(x, channels, 1, name + "_1_conv");
        f = BatchNormalization.of().withEpsilon(BN_EPSILON).named(name + "_1_bn").apply(f);
        f = ReLU.of().named(name + "_1_relu").apply(f);
        f = conv3x3(f, channels, 1, name + "_2_conv");
        f = BatchNormalization.of().withEpsilon(BN_EPSILON).named(name + "_2_bn").apply(f);
        // The shortcut is x itself: no layer, no parameter. The ReLU comes after the sum, not on either branch.
        Node sum = Add.of().named(name + "_add").apply(x, f);
        return ReLU.of().named(name + "_out").apply(sum);
    }

    /**
     * A 3x3 convolution padded by one cell on every side (PyTorch's {@code padding=1}), so stride 1 keeps the
     * map's size. No bias: the BatchNorm that follows subtracts the mean and adds its own beta, which would
     * cancel any bias.
     */
    public static Node conv3x3(Node x, int filters, int stride, String name) {
        return Conv2D.of(filters, 3).withStrides(stride).withPadding(Padding.symmetric(1)).withoutBias().named(name)
                .apply(x);
    }

    /** Scalars owned by the layer called {@code layerName}. */
    static long parametersOf(Model model, String layerName) {
        return model.parameters().names().stream().filter(n -> n.startsWith(layerName + "/"))
                .mapToLong(n -> model.parameters().shape(n).sizeAsLong()).sum();
    }
}
