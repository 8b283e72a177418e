package org.resnet4j.nn;

import java.util.List;
import java.util.Map;
import org.resnet4j.ops.LayoutShapes;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** Zeros added around the height and width of NHWC images, Keras' {@code ZeroPadding2D}. */
public final class ZeroPadding2D extends Layer {
    private final Padding.Explicit padding;

    private ZeroPadding2D(String name, Padding.Explicit padding) {
        super(name);
        this.padding = padding;
    }

    /** {@code pad} rows and columns of zeros on every side. */
    public static ZeroPadding2D of(int pad) {
        return of(pad, pad, pad, pad);
    }

    /** The given amounts of zeros on each side. */
    public static ZeroPadding2D of(int top, int bottom, int left, int right) {
        return new ZeroPadding2D(null, Padding.explicit(top, bottom, left, right));
    }

    /** The same layer called {@code newName}. */
    public ZeroPadding2D named(String newName) {
        return new ZeroPadding2D(newName, padding);
    }

    /** The amounts on each side. */
    public Padding.Explicit padding() {
        return padding;
    }

    /** Rebuilds the layer {@code config} describes: {@code padding} as {@code [[top, bottom], [left, right]]}. */
    public static ZeroPadding2D fromConfig(LayerConfig config) {
        return new ZeroPadding2D(config.layerName(), config.explicitPadding("padding"));
    }

    /** {@code padding}: {@code [[top, bottom], [left, right]]}, as Keras writes it. */
    @Override
    public Map<String, Object> config() {
        return LayerConfig.settings("padding", LayerConfig.paddingValue(padding));
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = Windows.image(this, inputShapes);
        // the op's rule on a batch of one: the layer has checked the rank, so the rule only does the arithmetic
        return LayoutShapes.zeroPad(in.withBatch(1), padding).withoutBatch();
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        return ops.zeroPad(inputs.get(0), padding);
    }
}
