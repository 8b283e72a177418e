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
     * The output height and width of a window on the per-sample image {@code in}: the ops' own rule
     * ({@link WindowGeometry#outputHeightWidth}), so a layer and every backend agree on sizes and on the error.
     */
    static int[] outputSize(Layer layer, Shape in, int kh, int kw, int sh, int sw, Padding padding) {
        return WindowGeometry.outputHeightWidth(layer.name(), "shape=" + in, in.dim(0), in.dim(1), kh, kw, sh, sw,
                padding);
    }

    static void requirePositive(String what, int... values) {
        for (int v : values) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be at least 1. Received: " + v);
            }
        }
    }
}
