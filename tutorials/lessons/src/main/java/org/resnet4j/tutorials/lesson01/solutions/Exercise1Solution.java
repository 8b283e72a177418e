package org.resnet4j.tutorials.lesson01.solutions;

import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tutorials.lesson01.ResidualBlockLesson;

/**
 * Exercise 1: how many parameters does block a have in conv3_x, conv4_x and conv5_x (128, 256 and 512
 * channels)? The answer is read off blocks built by hand; the formula is in the lesson's page.
 */
public final class Exercise1Solution {
    private Exercise1Solution() {
    }

    /** The parameters of a block a on {@code channels} channels: total and trainable. */
    public record BlockParameters(int channels, long total, long trainable) {
    }

    /** Builds block a by hand on a 7x7 map of {@code channels} channels (the size does not change the count). */
    public static BlockParameters blockA(int channels) {
        Node x = Input.named("x", 7, 7, channels);
        Model block = Model.of("block_a_" + channels, x, ResidualBlockLesson.blockA(x, "block"));
        return new BlockParameters(channels, block.parameterCount(), block.trainableParameterCount());
    }
}
