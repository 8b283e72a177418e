package org.resnet4j.ops;

import static org.resnet4j.ops.ArgumentErrors.expects;
import static org.resnet4j.ops.ArgumentErrors.shape;

import org.resnet4j.tensor.Shape;

/** The checks the op shape rules are made of; each throws the {@link ArgumentErrors} wording. */
final class ShapeChecks {
    /** How an image argument's axes are named in errors. */
    static final String NHWC = "[batch, height, width, channels]";

    private ShapeChecks() {
    }

    /** {@code OP expects ARTICLE ARGUMENT of rank R LAYOUT, received: ARGUMENT shape=[...]}. */
    static void rank(String op, String argument, Shape s, int rank, String layout) {
        if (s.rank() != rank) {
            throw expects(op, article(argument) + " of rank " + rank + " " + layout, shape(argument, s));
        }
    }

    /** {@code OP expects ARGUMENT of shape [LENGTH] (WHY), received: ARGUMENT shape=[...]}. */
    static void vector(String op, String argument, Shape s, int length, String why) {
        if (s.rank() != 1 || s.dim(0) != length) {
            throw expects(op, argument + " of shape [" + length + "] (" + why + ")", shape(argument, s));
        }
    }

    /** {@code OP expects WHAT, received: ARGUMENT=null}, for an argument that has no default. */
    static <T> T present(String op, String what, String argument, T value) {
        if (value == null) {
            throw expects(op, what, argument + "=null");
        }
        return value;
    }

    private static String article(String noun) {
        return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " + noun : "a " + noun;
    }
}
