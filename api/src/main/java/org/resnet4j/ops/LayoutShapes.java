package org.resnet4j.ops;

import static org.resnet4j.ops.ArgumentErrors.expects;
import static org.resnet4j.ops.ArgumentErrors.shape;

import org.resnet4j.tensor.Shape;

/** The shape rules of the ops that move elements without computing: {@link Ops#zeroPad} and {@link Ops#reshape}. */
public final class LayoutShapes {
    private LayoutShapes() {
    }

    /**
     * Checks a zero padding's arguments (input of rank 4) and returns
     * {@code [n, h + top + bottom, w + left + right, c]}.
     */
    public static Shape zeroPad(Shape input, Padding.Explicit padding) {
        ShapeChecks.present("zeroPad", "explicit padding amounts", "padding", padding);
        ShapeChecks.rank("zeroPad", "input", input, 4, ShapeChecks.NHWC);
        return Shape.of(input.dim(0), input.dim(1) + padding.top() + padding.bottom(),
                input.dim(2) + padding.left() + padding.right(), input.dim(3));
    }

    /** Checks that {@code target} holds as many elements as {@code input} and returns it. */
    public static Shape reshape(Shape input, Shape target) {
        ShapeChecks.present("reshape", "a target shape", "target", target);
        if (input.sizeAsLong() != target.sizeAsLong()) {
            throw expects("reshape", "a target shape of " + input.sizeAsLong() + " elements (the input's size)",
                    shape("target", target) + ", " + shape("input", input));
        }
        return target;
    }
}
