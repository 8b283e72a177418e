package org.resnet4j.nn;

import java.util.List;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.Shape;

/** Shape checks shared by the layers that slide a window over an NHWC image (convolutions and pools). */
final class Windows {
    private Windows() {
    }

    /** The single per-sample input of {@code layer}, which must be {@code [h, w, c]}. */
    static Shape image(Layer layer, List<Shape> inputShapes) {
        Shape in = inputShapes.get(0);
        if (in.rank() != 3) {
            throw layer.shapeError("input of rank 3 per sample ([height, width, channels], NHWC with the batch)", in);
        }
        return in;
    }

    /**
     * The output height and width of a window on {@code in}, resolved through {@link Padding#resolve} and
     * {@link WindowGeometry#outputSize} like every backend; a window that does not fit is an error.
     */
    static int[] outputSize(Layer layer, Shape in, int kh, int kw, int sh, int sw, Padding padding) {
        Padding.Explicit p = padding.resolve(in.dim(0), in.dim(1), kh, kw, sh, sw);
        int oh = WindowGeometry.outputSize(in.dim(0), kh, sh, p.top(), p.bottom());
        int ow = WindowGeometry.outputSize(in.dim(1), kw, sw, p.left(), p.right());
        if (oh == 0 || ow == 0) {
            throw layer.shapeError("an input at least as large as its " + kh + "x" + kw + " window (padding " + padding
                    + " gives " + (in.dim(0) + p.top() + p.bottom()) + "x" + (in.dim(1) + p.left() + p.right())
                    + ", output size 0)", in);
        }
        return new int[] {oh, ow};
    }

    static void requirePositive(String what, int... values) {
        for (int v : values) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be at least 1. Received: " + v);
            }
        }
    }
}
