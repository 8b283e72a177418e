package org.resnet4j.nn;

import java.util.List;
import java.util.Map;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.Shape;

/**
 * What max and average pooling share: a window configuration and the shape rule it implies. The subclasses
 * differ only in the primitive they call.
 */
public abstract class Pooling2D extends Layer {
    private final PoolOptions options;

    Pooling2D(String name, PoolOptions options) {
        super(name);
        this.options = options;
    }

    /** Window, strides and padding as configured (padding not yet resolved against an input size). */
    public final PoolOptions options() {
        return options;
    }

    /** {@code pool_size} and {@code strides} as {@code [height, width]}, {@code padding}. */
    @Override
    public final Map<String, Object> config() {
        return LayerConfig.settings("pool_size", LayerConfig.pair(options.poolHeight(), options.poolWidth()),
                "strides", LayerConfig.pair(options.strideHeight(), options.strideWidth()),
                "padding", LayerConfig.paddingValue(options.padding()));
    }

    static PoolOptions optionsFrom(LayerConfig config) {
        int[] pool = config.integers("pool_size", 2);
        int[] strides = config.integers("strides", 2);
        return new PoolOptions(pool[0], pool[1], strides[0], strides[1], config.padding("padding"));
    }

    @Override
    public final Shape outputShape(List<Shape> inputShapes) {
        Shape in = Windows.image(this, inputShapes);
        int[] hw = Windows.outputSize(this, in, options.poolHeight(), options.poolWidth(), options.strideHeight(),
                options.strideWidth(), options.padding());
        return Shape.of(hw[0], hw[1], in.dim(2));
    }
}
