package org.resnet4j.nn;

import java.util.List;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.Tensor;

/** 2-D pooling over NHWC images: the mean of each window, Keras' {@code AveragePooling2D}; the divisor counts only the cells inside the input. */
public final class AveragePooling2D extends Pooling2D {
    private AveragePooling2D(String name, PoolOptions options) {
        super(name, options);
    }

    /** A square window of {@code pool} moved by {@code pool} (Keras' default strides), {@code VALID}. */
    public static AveragePooling2D of(int pool) {
        return of(pool, pool);
    }

    /** A square window of {@code pool} moved by {@code strides}, {@code VALID}. */
    public static AveragePooling2D of(int pool, int strides) {
        return new AveragePooling2D(null, PoolOptions.of(pool, strides, Padding.VALID));
    }

    /** A window, strides and padding given in full (rectangular windows too). */
    public static AveragePooling2D of(PoolOptions options) {
        return new AveragePooling2D(null, options);
    }

    /** Rebuilds the layer {@code config} describes: {@code pool_size}, {@code strides}, {@code padding}. */
    public static AveragePooling2D fromConfig(LayerConfig config) {
        return new AveragePooling2D(config.layerName(), Pooling2D.optionsFrom(config));
    }

    /** The same layer with another padding. */
    public AveragePooling2D withPadding(Padding padding) {
        PoolOptions o = options();
        return new AveragePooling2D(nameOrNull(), new PoolOptions(o.poolHeight(), o.poolWidth(), o.strideHeight(),
                o.strideWidth(), padding));
    }

    /** The same layer called {@code newName}. */
    public AveragePooling2D named(String newName) {
        return new AveragePooling2D(newName, options());
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        return ops.avgPool(inputs.get(0), options());
    }
}
