package org.resnet4j.ops;

import static org.resnet4j.ops.ArgumentErrors.expects;
import static org.resnet4j.ops.ArgumentErrors.shape;

import org.resnet4j.tensor.Shape;

/**
 * The shape rule of {@link Ops#conv2d}: what it accepts, the padding it resolves and the shape it returns. Every
 * backend calls it before computing, so each bad call gets the same message everywhere.
 */
public final class ConvolutionShapes {
    private static final String OP = "conv2d";

    private ConvolutionShapes() {
    }

    /**
     * Checks a convolution's arguments and returns its output shape {@code [n, oh, ow, cout]}. In order: input
     * of rank 4, kernel of rank 4, kernel input channels equal to the input's last axis, bias (when not
     * {@code null}) of shape {@code [cout]}, and a window no larger than the padded input.
     *
     * @param bias the bias' shape, or {@code null} for a convolution without bias
     */
    public static Shape conv2d(Shape input, Shape kernel, Shape bias, Conv2dOptions options) {
        ShapeChecks.present(OP, "stride and padding options", "options", options);
        ShapeChecks.rank(OP, "input", input, 4, ShapeChecks.NHWC);
        ShapeChecks.rank(OP, "kernel", kernel, 4, "[height, width, in, out]");
        if (kernel.dim(2) != input.dim(3)) {
            throw expects(OP, "a kernel with " + input.dim(3) + " input channels (the input's last axis)",
                    shape("kernel", kernel) + ", " + shape("input", input));
        }
        if (bias != null) {
            ShapeChecks.vector(OP, "bias", bias, kernel.dim(3), "the kernel's last axis");
        }
        int[] hw = WindowGeometry.outputHeightWidth(OP, shape("input", input), input.dim(1), input.dim(2),
                kernel.dim(0), kernel.dim(1), options.strideHeight(), options.strideWidth(), options.padding());
        return Shape.of(input.dim(0), hw[0], hw[1], kernel.dim(3));
    }

    /** The explicit padding {@code options} mean for this input and kernel (call after {@link #conv2d}). */
    public static Padding.Explicit padding(Shape input, Shape kernel, Conv2dOptions options) {
        return options.padding().resolve(input.dim(1), input.dim(2), kernel.dim(0), kernel.dim(1),
                options.strideHeight(), options.strideWidth());
    }
}
