package org.resnet4j.tutorials.lesson03;

import java.io.PrintStream;
import java.util.Locale;
import org.resnet4j.models.resnet.BlockSettings;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.models.resnet.ResidualBlocks;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Padding;

/**
 * Lesson 3: ResNet-18 built stage by stage (stem, conv2_x .. conv5_x, head) with the blocks of lessons 1 and 2,
 * printing the shape and parameters after every stage, then its summary, its multiply-adds per stage, and its
 * parameter count against torchvision's published one. Nothing is computed: every number comes from the graph.
 */
public final class ResNet18Lesson {
    /** torchvision's published count for {@code resnet18}: its {@code parameters()}, BatchNorm buffers excluded. */
    public static final long TORCHVISION_RESNET18_PARAMETERS = 11_689_512L;

    private ResNet18Lesson() {
    }

    /** Prints the lesson; takes no arguments. */
    public static void main(String[] args) {
        PrintStream out = System.out;

        out.println("== ResNet-18 stage by stage (torchvision's conventions, a 224x224 RGB image)");
        StageLog log = StageLog.printingTo(out);
        Model resnet18 = build(224, log);
        log.printTotal();

        out.println();
        out.println("== Its summary");
        out.print(resnet18.summary());

        out.println();
        out.println("== Multiply-adds per stage, for one image");
        log.printMultiplyAdds(resnet18);

        out.println();
        out.println("== Against torchvision");
        out.printf(Locale.ROOT, "trainable parameters: %,d; torchvision's resnet18: %,d; equal: %s%n",
                resnet18.trainableParameterCount(), TORCHVISION_RESNET18_PARAMETERS,
                resnet18.trainableParameterCount() == TORCHVISION_RESNET18_PARAMETERS);
        out.printf(Locale.ROOT, "BatchNorm moving means and variances: %,d more, %,d in all%n",
                resnet18.nonTrainableParameterCount(), resnet18.parameterCount());
        String library = ResNets.torchvision(18).summary();
        out.println("ResNets.torchvision(18) has the same summary, line for line: "
                + library.equals(resnet18.summary()));
    }

    /**
     * ResNet-18 on a {@code size x size} RGB image, one stage at a time, each stage reported to {@code log}.
     * Layer names follow keras.applications, so the summary reads like Keras' and matches resnet-models'.
     */
    public static Model build(int size, StageLog log) {
        BlockSettings torchvision = BlockSettings.torchvision();
        Node input = Input.named("input_1", size, size, 3);
        log.stage("input", input);

        // Stem: a 7x7 convolution with stride 2 (padded by 3) and a 3x3 max pool with stride 2 (padded by 1).
        Node x = Conv2D.of(64, 7).withStrides(2).withPadding(Padding.symmetric(3)).withoutBias().named("conv1_conv")
                .apply(input);
        x = BatchNormalization.of().withEpsilon(torchvision.bnEpsilon()).named("conv1_bn").apply(x);
        x = Activation.of("relu").named("conv1_relu").apply(x);
        log.stage("stem: conv1 7x7/2, BN, ReLU", x);
        x = MaxPooling2D.of(3, 2).withPadding(Padding.symmetric(1)).named("pool1_pool").apply(x);
        log.stage("stem: pool1 3x3/2 max pool", x);

        // conv2_x keeps 64 channels and the pool's 56x56: two identity blocks.
        x = ResidualBlocks.a(torchvision, x, "conv2_block1");
        x = ResidualBlocks.a(torchvision, x, "conv2_block2");
        log.stage("conv2_x: blocks a, a", x);

        // Every later stage halves the map and doubles the channels in its first block (b), then keeps them (a).
        x = ResidualBlocks.b(torchvision, x, 128, 2, "conv3_block1");
        x = ResidualBlocks.a(torchvision, x, "conv3_block2");
        log.stage("conv3_x: blocks b, a", x);
        x = ResidualBlocks.b(torchvision, x, 256, 2, "conv4_block1");
        x = ResidualBlocks.a(torchvision, x, "conv4_block2");
        log.stage("conv4_x: blocks b, a", x);
        x = ResidualBlocks.b(torchvision, x, 512, 2, "conv5_block1");
        x = ResidualBlocks.a(torchvision, x, "conv5_block2");
        log.stage("conv5_x: blocks b, a", x);

        // Head: average each of the 512 channels over the map, then one dense layer to 1000 class scores (logits).
        x = GlobalAveragePooling2D.of().named("avg_pool").apply(x);
        log.stage("head: global average pool", x);
        x = Dense.of(1000).named("predictions").apply(x);
        log.stage("head: dense, 1000 classes", x);
        return Model.of("resnet18", input, x);
    }
}
