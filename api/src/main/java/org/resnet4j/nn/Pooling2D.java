package org.resnet4j.nn;

import java.util.List;
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

    @Override
    public final Shape outputShape(List<Shape> inputShapes) {
        Shape in = Windows.image(this, inputShapes);
        int[] hw = Windows.outputSize(this, in, options.poolHeight(), options.poolWidth(), options.strideHeight(),
                options.strideWidth(), options.padding());
        return Shape.of(hw[0], hw[1], in.dim(2));
    }
}
