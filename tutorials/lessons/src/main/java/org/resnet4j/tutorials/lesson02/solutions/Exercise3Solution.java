package org.resnet4j.tutorials.lesson02.solutions;

import org.resnet4j.models.resnet.BlockSettings;
import org.resnet4j.models.resnet.ResidualBlocks;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tensor.Shape;

/**
 * Exercise 3: ResNet-50's conv2_x gets a 56x56x64 map from the max pool, but its blocks output 256 channels.
 * Block c cannot start the stage, because an identity shortcut cannot turn 64 channels into 256; the stage
 * opens with a block d of stride 1, whose projection changes only the channels.
 */
public final class Exercise3Solution {
    private Exercise3Solution() {
    }

    /** What happens at the start of conv2_x. */
    public record StageStart(String blockCError, Shape blockDOutput, long projectionParameters) {
    }

    /** Tries block c on the max pool's output, then builds block d with stride 1 and counts its projection. */
    public static StageStart conv2Start() {
        BlockSettings settings = BlockSettings.torchvision();
        String error;
        try {
            ResidualBlocks.c(settings, Input.named("x", 56, 56, 64), 64, "conv2_block1");
            throw new IllegalStateException("block c was expected to refuse 64 input channels");
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }
        Node x = Input.named("x", 56, 56, 64);
        Model d = Model.of("conv2_block1", x, ResidualBlocks.d(settings, x, 64, 1, "conv2_block1"));
        long projection = d.parameters().names().stream()
                .filter(n -> n.startsWith("conv2_block1_0_conv/") || n.startsWith("conv2_block1_0_bn/"))
                .mapToLong(n -> d.parameters().shape(n).sizeAsLong()).sum();
        return new StageStart(error, d.outputs().get(0).shape(), projection);
    }
}
