package org.resnet4j.ops;

/**
 * Window, stride and padding of a 2-D pooling. Max pooling pads with negative infinity (padded cells never
 * win); average pooling averages over the cells inside the input only, as TensorFlow does for {@code SAME}
 * and as PyTorch does with {@code count_include_pad=False}.
 *
 * @param poolHeight   window height, at least 1
 * @param poolWidth    window width, at least 1
 * @param strideHeight vertical stride, at least 1
 * @param strideWidth  horizontal stride, at least 1
 * @param padding      border handling
 */
public record PoolOptions(int poolHeight, int poolWidth, int strideHeight, int strideWidth, Padding padding) {
    public PoolOptions {
        if (poolHeight < 1 || poolWidth < 1 || strideHeight < 1 || strideWidth < 1) {
            throw ArgumentErrors.expects("PoolOptions", "a pool size and strides of at least 1", "pool_size=("
                    + poolHeight + ", " + poolWidth + "), strides=(" + strideHeight + ", " + strideWidth + ")");
        }
        ShapeChecks.present("PoolOptions", "a padding", "padding", padding);
    }

    /** A square window with the same stride on both axes. */
    public static PoolOptions of(int pool, int stride, Padding padding) {
        return new PoolOptions(pool, pool, stride, stride, padding);
    }
}
