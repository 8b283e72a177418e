package org.resnet4j.ops;

import static org.resnet4j.ops.ArgumentErrors.shape;

import org.resnet4j.tensor.Shape;

/** The shape rules of {@link Ops#maxPool}, {@link Ops#avgPool} and {@link Ops#globalAvgPool}. */
public final class PoolingShapes {
    private PoolingShapes() {
    }

    /** Checks a max pooling's arguments and returns its output shape; see {@link #avgPool}. */
    public static Shape maxPool(Shape input, PoolOptions options) {
        return window("maxPool", input, options);
    }

    /**
     * Checks an average pooling's arguments and returns its output shape {@code [n, oh, ow, c]}: input of rank
     * 4, and a window no larger than the padded input.
     */
    public static Shape avgPool(Shape input, PoolOptions options) {
        return window("avgPool", input, options);
    }

    /** Checks a global average pooling's input (rank 4) and returns {@code [n, c]}. */
    public static Shape globalAvgPool(Shape input) {
        ShapeChecks.rank("globalAvgPool", "input", input, 4, ShapeChecks.NHWC);
        return Shape.of(input.dim(0), input.dim(3));
    }

    /** The explicit padding {@code options} mean for this input (call after the op's rule). */
    public static Padding.Explicit padding(Shape input, PoolOptions options) {
        return options.padding().resolve(input.dim(1), input.dim(2), options.poolHeight(), options.poolWidth(),
                options.strideHeight(), options.strideWidth());
    }

    private static Shape window(String op, Shape input, PoolOptions options) {
        ShapeChecks.present(op, "window, stride and padding options", "options", options);
        ShapeChecks.rank(op, "input", input, 4, ShapeChecks.NHWC);
        int[] hw = WindowGeometry.outputHeightWidth(op, shape("input", input), input.dim(1), input.dim(2),
                options.poolHeight(), options.poolWidth(), options.strideHeight(), options.strideWidth(),
                options.padding());
        return Shape.of(input.dim(0), hw[0], hw[1], input.dim(3));
    }
}
