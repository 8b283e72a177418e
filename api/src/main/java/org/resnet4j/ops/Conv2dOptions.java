package org.resnet4j.ops;

/**
 * Stride and padding of a 2-D convolution (dilation is always 1). The window size comes from the kernel.
 *
 * @param strideHeight vertical stride, at least 1
 * @param strideWidth  horizontal stride, at least 1
 * @param padding      border handling
 */
public record Conv2dOptions(int strideHeight, int strideWidth, Padding padding) {
    public Conv2dOptions {
        if (strideHeight < 1 || strideWidth < 1) {
            throw ArgumentErrors.expects("Conv2dOptions", "strides of at least 1",
                    "strides=(" + strideHeight + ", " + strideWidth + ")");
        }
        ShapeChecks.present("Conv2dOptions", "a padding", "padding", padding);
    }

    /** The same stride on both axes. */
    public static Conv2dOptions of(int stride, Padding padding) {
        return new Conv2dOptions(stride, stride, padding);
    }
}
