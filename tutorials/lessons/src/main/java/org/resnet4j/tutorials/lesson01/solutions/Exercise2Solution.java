package org.resnet4j.tutorials.lesson01.solutions;

import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.tutorials.lesson01.ResidualBlockLesson;

/**
 * Exercise 2: a blog's first draft of block a gives both 3x3 convolutions stride 2. Build it and see what the
 * {@code Add} says. The residual branch halves the map twice (56 to 28 to 14) while the identity shortcut
 * keeps 56x56, so the two cannot be added: the graph refuses the block while it is being built, before any
 * number is computed.
 */
public final class Exercise2Solution {
    private Exercise2Solution() {
    }

    /** The error message of the {@code Add} that joins the two branches. */
    public static String strideTwoBlockError() {
        Node x = Input.named("x", ResidualBlockLesson.SIZE, ResidualBlockLesson.SIZE, ResidualBlockLesson.CHANNELS);
        Node f = ResidualBlockLesson.conv3x3(x, ResidualBlockLesson.CHANNELS, 2, "draft_1_conv");
        f = BatchNormalization.of().named("draft_1_bn").apply(f);
        f = ReLU.of().named("draft_1_relu").apply(f);
        f = ResidualBlockLesson.conv3x3(f, ResidualBlockLesson.CHANNELS, 2, "draft_2_conv");
        f = BatchNormalization.of().named("draft_2_bn").apply(f);
        try {
            Add.of().named("draft_add").apply(x, f);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new IllegalStateException("the stride-2 draft was expected to be refused by its Add");
    }
}
