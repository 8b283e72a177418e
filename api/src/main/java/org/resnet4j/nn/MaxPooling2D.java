package org.resnet4j.nn;

import java.util.List;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.Tensor;

/** 2-D pooling over NHWC images: the maximum of each window, Keras' {@code MaxPooling2D}; padded cells never win (negative infinity). */
public final class MaxPooling2D extends Pooling2D {
    private MaxPooling2D(String name, PoolOptions options) {
        super(name, options);
    }

    /** A square window of {@code pool} moved by {@code pool} (Keras' default strides), {@code VALID}. */
    public static MaxPooling2D of(int pool) {
        return of(pool, pool);
    }

    /** A square window of {@code pool} moved by {@code strides}, {@code VALID}. */
    public static MaxPooling2D of(int pool, int strides) {
        return new MaxPooling2D(null, PoolOptions.of(pool, strides, Padding.VALID));
    }

    /** A window, strides and padding given in full (rectangular windows too). */
    public static MaxPooling2D of(PoolOptions options) {
        return new MaxPooling2D(null, options);
    }

    /** Rebuilds the layer {@code config} describes: {@code pool_size}, {@code strides}, {@code padding}. */
    public static MaxPooling2D fromConfig(LayerConfig config) {
        return new MaxPooling2D(config.layerName(), Pooling2D.optionsFrom(config));
    }

    /** The same layer with another padding. */
    public MaxPooling2D withPadding(Padding padding) {
        PoolOptions o = options();
        return new MaxPooling2D(nameOrNull(), new PoolOptions(o.poolHeight(), o.poolWidth(), o.strideHeight(),
                o.strideWidth(), padding));
    }

    /** The same layer called {@code newName}. */
    public MaxPooling2D named(String newName) {
        return new MaxPooling2D(newName, options());
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        return ops.maxPool(inputs.get(0), options());
    }
}
