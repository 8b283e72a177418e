package org.resnet4j.tck;

import org.resnet4j.ops.Padding;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.Shape;

/**
 * The geometry of a sliding window (convolution or pooling) over an NHWC input, resolved once: the loops of the
 * reference convolution and pooling, forward and backward, all read their indices from here.
 */
record Window(int n, int h, int w, int c, int kh, int kw, int sh, int sw, int top, int left, int oh, int ow) {

    static Window of(Shape input, int kh, int kw, int sh, int sw, Padding padding) {
        int h = input.dim(1);
        int w = input.dim(2);
        Padding.Explicit pad = padding.resolve(h, w, kh, kw, sh, sw);
        int oh = WindowGeometry.outputSize(h, kh, sh, pad.top(), pad.bottom());
        int ow = WindowGeometry.outputSize(w, kw, sw, pad.left(), pad.right());
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("window " + kh + "x" + kw + " does not fit input " + input
                    + " with " + padding + " (output would be " + oh + " x " + ow + ")");
        }
        return new Window(input.dim(0), h, w, input.dim(3), kh, kw, sh, sw, pad.top(), pad.left(), oh, ow);
    }

    /** The input row under window row {@code ky} of output row {@code oy}; outside {@code [0, h)} in the padding. */
    int inputRow(int oy, int ky) {
        return oy * sh + ky - top;
    }

    /** The input column under window column {@code kx} of output column {@code ox}. */
    int inputColumn(int ox, int kx) {
        return ox * sw + kx - left;
    }

    boolean inside(int iy, int ix) {
        return iy >= 0 && iy < h && ix >= 0 && ix < w;
    }

    /** Offset of {@code [b, y, x, ch]} in an NHWC array of this window's input, with {@code channels} channels. */
    int inputOffset(int b, int y, int x, int ch, int channels) {
        return ((b * h + y) * w + x) * channels + ch;
    }

    /** Offset of {@code [b, oy, ox, ch]} in an NHWC array of the output, with {@code channels} channels. */
    int outputOffset(int b, int oy, int ox, int ch, int channels) {
        return ((b * oh + oy) * ow + ox) * channels + ch;
    }
}
