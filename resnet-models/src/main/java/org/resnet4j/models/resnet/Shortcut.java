package org.resnet4j.models.resnet;

/** What a residual block adds its residual to. */
public enum Shortcut {
    /** The input itself; only possible when the residual keeps the shape (blocks a and c). */
    IDENTITY,
    /** A 1x1 convolution with the block's stride followed by BatchNorm (blocks b and d; the paper's option B). */
    PROJECTION,
    /**
     * The paper's option A: the input subsampled by the stride and padded with zero channels; no parameters.
     * See {@link ZeroPadShortcut}.
     */
    ZERO_PAD
}
