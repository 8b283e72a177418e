package org.resnet4j.ops;

/**
 * The output size of a sliding window (convolution or pooling) on one spatial axis. One formula for all
 * backends and for shape inference, so that they agree by construction.
 */
public final class WindowGeometry {
    private WindowGeometry() {
    }

    /**
     * {@code floor((in + padBefore + padAfter - kernel) / stride) + 1}, or 0 when the padded input is smaller
     * than the window.
     */
    public static int outputSize(int in, int kernel, int stride, int padBefore, int padAfter) {
        int span = in + padBefore + padAfter - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }
}
