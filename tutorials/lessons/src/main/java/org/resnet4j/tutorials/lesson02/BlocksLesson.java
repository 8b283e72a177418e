package org.resnet4j.tutorials.lesson02;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.resnet4j.models.resnet.BlockSettings;
import org.resnet4j.models.resnet.MacCounter;
import org.resnet4j.models.resnet.ResidualBlocks;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tutorials.lesson01.GraphComparison;
import org.resnet4j.tutorials.lesson01.LayerTable;
import org.resnet4j.tutorials.lesson01.ResidualBlockLesson;

/**
 * Lesson 2: blocks b, c and d. Builds each by hand (block b: projection shortcut; block c: bottleneck with an
 * identity shortcut; block d: bottleneck with a projection), checks each against {@link ResidualBlocks}, and
 * counts the convolution weights of a 256-channel bottleneck against two 3x3 convolutions on 256 channels.
 */
public final class BlocksLesson {
    /** The bottleneck's last 1x1 convolution widens its output to four times the block's width. */
    public static final int EXPANSION = 4;

    private static final BlockSettings TORCHVISION = BlockSettings.torchvision();

    private BlocksLesson() {
    }

    /** Prints the lesson; takes no arguments. */
    public static void main(String[] args) {
        PrintStream out = System.out;

        out.println("== Block b: a projection shortcut (x [56, 56, 64] -> [28, 28, 128], conv3_x of ResNet-18)");
        Node x = Input.named("x", 56, 56, 64);
        Model b = Model.of("block_b_by_hand", x, blockB(x, 128, 2, "conv3_block1"));
        LayerTable.print(b, out);
        Shape shortcutKernel = b.parameters().shape("conv3_block1_0_conv/kernel");
        out.printf(Locale.ROOT, "shortcut: 1x1 convolution with stride 2, %d x %d x %d x %d = %,d weights, "
                + "then a BatchNorm of %,d%n", shortcutKernel.dim(0), shortcutKernel.dim(1), shortcutKernel.dim(2),
                shortcutKernel.dim(3), shortcutKernel.sizeAsLong(), parametersOf(b, "conv3_block1_0_bn"));
        out.printf(Locale.ROOT, "block b: %,d parameters, %,d trainable%n", b.parameterCount(),
                b.trainableParameterCount());
        Node xb = Input.named("x", 56, 56, 64);
        compare(out, b, Model.of("block_b", xb, ResidualBlocks.b(TORCHVISION, xb, 128, 2, "conv3_block1")),
                "ResidualBlocks.b(BlockSettings.torchvision(), x, 128, 2, \"conv3_block1\")");

        out.println();
        out.println("== Block c: the bottleneck (x [56, 56, 256], width 64, conv2_x of ResNet-50)");
        Node xc = Input.named("x", 56, 56, 256);
        Model c = Model.of("block_c_by_hand", xc, bottleneck(xc, 64, 1, false, "conv2_block2"));
        LayerTable.print(c, out);
        out.printf(Locale.ROOT, "block c: %,d parameters, %,d trainable%n", c.parameterCount(),
                c.trainableParameterCount());
        Node xc2 = Input.named("x", 56, 56, 256);
        compare(out, c, Model.of("block_c", xc2, ResidualBlocks.c(TORCHVISION, xc2, 64, "conv2_block2")),
                "ResidualBlocks.c(BlockSettings.torchvision(), x, 64, \"conv2_block2\")");

        out.println();
        out.println("== Why a bottleneck: convolution weights on 256 channels");
        out.println("block c (1x1 reduce, 3x3, 1x1 expand):");
        long bottleneckWeights = printConvolutionWeights(c, out);
        Node xa = Input.named("x", 56, 56, 256);
        Model twoConvolutions = Model.of("block_a_256", xa, ResidualBlockLesson.blockA(xa, "basic"));
        out.println("block a on 256 channels (two 3x3 convolutions):");
        long basicWeights = printConvolutionWeights(twoConvolutions, out);
        out.printf(Locale.ROOT, "the bottleneck needs %.1f times fewer weights (%,d against %,d)%n",
                (double) basicWeights / bottleneckWeights, bottleneckWeights, basicWeights);
        out.printf(Locale.ROOT, "multiply-adds on the 56x56 map: %,d against %,d%n", MacCounter.count(c),
                MacCounter.count(twoConvolutions));

        out.println();
        out.println("== Block d: a bottleneck with a projection (x [56, 56, 256] -> [28, 28, 512], width 128, "
                + "conv3_x of ResNet-50)");
        Node xd = Input.named("x", 56, 56, 256);
        Model d = Model.of("block_d_by_hand", xd, bottleneck(xd, 128, 2, true, "conv3_block1"));
        LayerTable.print(d, out);
        out.printf(Locale.ROOT, "block d: %,d parameters, %,d trainable%n", d.parameterCount(),
                d.trainableParameterCount());
        Node xd2 = Input.named("x", 56, 56, 256);
        compare(out, d, Model.of("block_d", xd2, ResidualBlocks.d(TORCHVISION, xd2, 128, 2, "conv3_block1")),
                "ResidualBlocks.d(BlockSettings.torchvision(), x, 128, 2, \"conv3_block1\")");
    }

    /**
     * Block b by hand: block a's two 3x3 convolutions, the first with stride {@code stride} and {@code filters}
     * outputs, and a projection shortcut (1x1 convolution with the same stride, then BatchNorm) that brings x
     * to the residual's shape.
     */
    public static Node blockB(Node x, int filters, int stride, String name) {
        Node shortcut = convBn(x, filters, 1, stride, name + "_0");
        Node f = convBn(x, filters, 3, stride, name + "_1");
        f = ReLU.of().named(name + "_1_relu").apply(f);
        f = convBn(f, filters, 3, 1, name + "_2");
        Node sum = Add.of().named(name + "_add").apply(shortcut, f);
        return ReLU.of().named(name + "_out").apply(sum);
    }

    /**
     * A bottleneck block by hand: 1x1 convolution down to {@code width} channels, 3x3 convolution (carrying the
     * stride, as torchvision places it), 1x1 convolution up to {@code 4 * width}; each followed by BatchNorm, the
     * first two by ReLU. With {@code projection} false the shortcut is x itself (block c), otherwise a 1x1
     * convolution with the stride and a BatchNorm (block d).
     */
    public static Node bottleneck(Node x, int width, int stride, boolean projection, String name) {
        int out = EXPANSION * width;
        Node shortcut = projection ? convBn(x, out, 1, stride, name + "_0") : x;
        Node f = convBn(x, width, 1, 1, name + "_1");
        f = ReLU.of().named(name + "_1_relu").apply(f);
        f = convBn(f, width, 3, stride, name + "_2");
        f = ReLU.of().named(name + "_2_relu").apply(f);
        f = convBn(f, out, 1, 1, name + "_3");
        Node sum = Add.of().named(name + "_add").apply(shortcut, f);
        return ReLU.of().named(name + "_out").apply(sum);
    }

    /**
     * {@code NAME_conv} then {@code NAME_bn}: a k x k convolution without bias, padded by {@code k / 2} on every
     * side (a 1x1 needs no padding), and a BatchNorm with torchvision's epsilon.
     */
    public static Node convBn(Node x, int filters, int kernel, int stride, String name) {
        Padding padding = kernel == 1 ? Padding.VALID : Padding.symmetric(kernel / 2);
        Node y = Conv2D.of(filters, kernel).withStrides(stride).withPadding(padding).withoutBias().named(name + "_conv")
                .apply(x);
        return BatchNormalization.of().withEpsilon(ResidualBlockLesson.BN_EPSILON).named(name + "_bn").apply(y);
    }

    /** Convolution weights of {@code model}: every kernel's size, read from its parameter shapes. */
    public static long convolutionWeights(Model model) {
        return model.parameters().names().stream().filter(n -> n.endsWith("_conv/kernel"))
                .mapToLong(n -> model.parameters().shape(n).sizeAsLong()).sum();
    }

    private static long printConvolutionWeights(Model model, PrintStream out) {
        for (String name : model.parameters().names()) {
            if (name.endsWith("_conv/kernel")) {
                Shape k = model.parameters().shape(name);
                out.printf(Locale.ROOT, "  %-20s %dx%d %4d -> %-4d %d x %d x %d x %d = %,d%n",
                        name.substring(0, name.indexOf('/')), k.dim(0), k.dim(1), k.dim(2), k.dim(3), k.dim(0),
                        k.dim(1), k.dim(2), k.dim(3), k.sizeAsLong());
            }
        }
        long total = convolutionWeights(model);
        out.printf(Locale.ROOT, "  %-20s %,d%n", "total", total);
        return total;
    }

    private static void compare(PrintStream out, Model byHand, Model fromLibrary, String call) {
        List<String> differences = GraphComparison.differences(byHand, fromLibrary);
        out.println(call + ": differences from the hand-built block: "
                + (differences.isEmpty() ? "none" : differences.size()));
        differences.forEach(d -> out.println("  " + d));
    }

    private static long parametersOf(Model model, String layerName) {
        return model.parameters().names().stream().filter(n -> n.startsWith(layerName + "/"))
                .mapToLong(n -> model.parameters().shape(n).sizeAsLong()).sum();
    }
}
