package org.resnet4j.nn;

import java.util.List;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** The mean over height and width, Keras' {@code GlobalAveragePooling2D}: {@code [h, w, c] -> [c]}. */
public final class GlobalAveragePooling2D extends Layer {
    private GlobalAveragePooling2D(String name) {
        super(name);
    }

    /** An unnamed global average pool. */
    public static GlobalAveragePooling2D of() {
        return new GlobalAveragePooling2D(null);
    }

    /** The same layer called {@code newName}. */
    public GlobalAveragePooling2D named(String newName) {
        return new GlobalAveragePooling2D(newName);
    }

    /** Rebuilds the layer {@code config} describes; this layer has no settings. */
    public static GlobalAveragePooling2D fromConfig(LayerConfig config) {
        return new GlobalAveragePooling2D(config.layerName());
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Shape.of(Windows.image(this, inputShapes).dim(2));
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        return ops.globalAvgPool(inputs.get(0));
    }
}
