package org.resnet4j.tutorials.lesson02.solutions;

import org.resnet4j.models.resnet.BlockSettings;
import org.resnet4j.models.resnet.ResidualBlocks;
import org.resnet4j.models.resnet.Shortcut;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;

/**
 * Exercise 2: the paper's option A shortcut keeps every second row and column and pads the missing channels
 * with zeros; option B uses the 1x1 projection. What does the projection cost in a block b from {@code cin}
 * to {@code cout} channels? Both blocks are built with {@link ResidualBlocks#basic} and counted.
 */
public final class Exercise2Solution {
    private Exercise2Solution() {
    }

    /** Parameter counts of block b with each shortcut. */
    public record ShortcutCost(long projectionParameters, long zeroPadParameters) {
        /** What the projection adds: its 1x1 kernel and its BatchNorm. */
        public long projectionCost() {
            return projectionParameters - zeroPadParameters;
        }
    }

    /** Block b from {@code inChannels} to {@code outChannels} with stride 2, once with each shortcut. */
    public static ShortcutCost blockB(int inChannels, int outChannels) {
        return new ShortcutCost(count(inChannels, outChannels, Shortcut.PROJECTION),
                count(inChannels, outChannels, Shortcut.ZERO_PAD));
    }

    private static long count(int inChannels, int outChannels, Shortcut shortcut) {
        Node x = Input.named("x", 16, 16, inChannels);
        Node y = ResidualBlocks.basic(BlockSettings.torchvision(), x, outChannels, 2, shortcut, "block");
        return Model.of("block_b_" + shortcut, x, y).parameterCount();
    }
}
