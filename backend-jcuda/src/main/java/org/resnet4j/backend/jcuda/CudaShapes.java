package org.resnet4j.backend.jcuda;

import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.Shape;

/** Shape checks and output shapes of the ops, shared by the eager ops and the compiled plan. Pure Java. */
final class CudaShapes {
    private CudaShapes() {
    }

    static void requireRank(String op, Shape s, int rank, String layout) {
        if (s.rank() != rank) {
            throw new IllegalArgumentException(op + " expects input of rank " + rank + " (" + layout + "). Received: shape="
                    + s);
        }
    }

    static void requireVector(String op, String what, Shape s, int length) {
        if (s.rank() != 1 || s.dim(0) != length) {
            throw new IllegalArgumentException(op + " expects " + what + " of shape [" + length + "]. Received: shape="
                    + s);
        }
    }

    static void requireSame(String op, Shape a, Shape b) {
        if (!a.equals(b)) {
            throw new IllegalArgumentException(op + " expects two tensors of the same shape. Received: shapes=" + a
                    + " and " + b);
        }
    }

    static Padding.Explicit convPadding(Shape input, Shape kernel, Conv2dOptions o) {
        return o.padding().resolve(input.dim(1), input.dim(2), kernel.dim(0), kernel.dim(1), o.strideHeight(),
                o.strideWidth());
    }

    static Shape conv2d(Shape input, Shape kernel, Shape bias, Conv2dOptions o) {
        requireRank("conv2d", input, 4, "NHWC");
        requireRank("conv2d kernel", kernel, 4, "HWIO");
        if (kernel.dim(2) != input.dim(3)) {
            throw new IllegalArgumentException("conv2d expects a kernel with " + input.dim(3)
                    + " input channels (the input's last axis). Received: kernel shape=" + kernel + ", input shape="
                    + input);
        }
        if (bias != null) {
            requireVector("conv2d", "bias", bias, kernel.dim(3));
        }
        Padding.Explicit p = convPadding(input, kernel, o);
        int oh = WindowGeometry.outputSize(input.dim(1), kernel.dim(0), o.strideHeight(), p.top(), p.bottom());
        int ow = WindowGeometry.outputSize(input.dim(2), kernel.dim(1), o.strideWidth(), p.left(), p.right());
        return positive("conv2d", input, input.dim(0), oh, ow, kernel.dim(3));
    }

    static Padding.Explicit poolPadding(Shape input, PoolOptions o) {
        return o.padding().resolve(input.dim(1), input.dim(2), o.poolHeight(), o.poolWidth(), o.strideHeight(),
                o.strideWidth());
    }

    static Shape pool(String op, Shape input, PoolOptions o) {
        requireRank(op, input, 4, "NHWC");
        Padding.Explicit p = poolPadding(input, o);
        int oh = WindowGeometry.outputSize(input.dim(1), o.poolHeight(), o.strideHeight(), p.top(), p.bottom());
        int ow = WindowGeometry.outputSize(input.dim(2), o.poolWidth(), o.strideWidth(), p.left(), p.right());
        return positive(op, input, input.dim(0), oh, ow, input.dim(3));
    }

    static Shape dense(Shape input, Shape kernel, Shape bias) {
        requireRank("dense", input, 2, "[n, in]");
        requireRank("dense kernel", kernel, 2, "[in, out]");
        if (kernel.dim(0) != input.dim(1)) {
            throw new IllegalArgumentException("dense expects a kernel with " + input.dim(1)
                    + " rows (the input's last axis). Received: kernel shape=" + kernel);
        }
        if (bias != null) {
            requireVector("dense", "bias", bias, kernel.dim(1));
        }
        return Shape.of(input.dim(0), kernel.dim(1));
    }

    private static Shape positive(String op, Shape input, int n, int h, int w, int c) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException(op + " produces an empty output for input shape=" + input
                    + " (output height " + h + ", width " + w + "); the window is larger than the padded input");
        }
        return Shape.of(n, h, w, c);
    }
}
