package org.resnet4j.ops;

import static org.resnet4j.ops.ArgumentErrors.expects;
import static org.resnet4j.ops.ArgumentErrors.shape;

import org.resnet4j.tensor.Shape;

/** The shape rules of the ops on {@code [batch, features]} matrices: {@link Ops#dense} and {@link Ops#softmax}. */
public final class MatrixShapes {
    private static final String DENSE = "dense";

    private MatrixShapes() {
    }

    /**
     * Checks a dense layer's arguments and returns {@code [n, out]}. In order: input of rank 2, kernel of rank 2,
     * kernel rows equal to the input's last axis, bias (when not {@code null}) of shape {@code [out]}.
     *
     * @param bias the bias' shape, or {@code null} for none
     */
    public static Shape dense(Shape input, Shape kernel, Shape bias) {
        ShapeChecks.rank(DENSE, "input", input, 2, "[batch, features]");
        ShapeChecks.rank(DENSE, "kernel", kernel, 2, "[in, out]");
        if (kernel.dim(0) != input.dim(1)) {
            throw expects(DENSE, "a kernel with " + input.dim(1) + " rows (the input's last axis)",
                    shape("kernel", kernel) + ", " + shape("input", input));
        }
        if (bias != null) {
            ShapeChecks.vector(DENSE, "bias", bias, kernel.dim(1), "the kernel's last axis");
        }
        return Shape.of(input.dim(0), kernel.dim(1));
    }

    /** Checks a softmax's input (rank 2, softmax over the last axis) and returns its shape. */
    public static Shape softmax(Shape input) {
        ShapeChecks.rank("softmax", "input", input, 2, "[batch, classes]");
        return input;
    }
}
