package org.resnet4j.ops;

import static org.resnet4j.ops.ArgumentErrors.expects;
import static org.resnet4j.ops.ArgumentErrors.shape;

import org.resnet4j.tensor.Shape;

/**
 * The shape rules of the ops that keep their input's shape: {@link Ops#relu}, {@link Ops#add} and
 * {@link Ops#dropout}, and the dropout rate rule the Dropout layer shares.
 */
public final class ElementwiseShapes {
    private ElementwiseShapes() {
    }

    /** ReLU accepts any shape and returns it. */
    public static Shape relu(Shape input) {
        return input;
    }

    /** Checks that {@code a} and {@code b} have the same shape (no broadcasting) and returns it. */
    public static Shape add(Shape a, Shape b) {
        if (!a.equals(b)) {
            throw expects("add", "two tensors of the same shape (no broadcasting)",
                    shape("a", a) + ", " + shape("b", b));
        }
        return a;
    }

    /** Checks the rate (see {@link #rate}) and returns the input's shape. */
    public static Shape dropout(Shape input, float rate) {
        rate("dropout", rate);
        return input;
    }

    /** {@code SUBJECT expects a rate in [0, 1], received: rate=...}, as Keras' Dropout. */
    public static void rate(String subject, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw expects(subject, "a rate in [0, 1]", "rate=" + rate);
        }
    }
}
