package org.resnet4j.nn;

import java.util.List;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** Each sample's elements as one vector in row-major order, Keras' {@code Flatten}: {@code [h, w, c] -> [h * w * c]}. */
public final class Flatten extends Layer {
    private Flatten(String name) {
        super(name);
    }

    /** An unnamed flatten. */
    public static Flatten of() {
        return new Flatten(null);
    }

    /** The same layer called {@code newName}. */
    public Flatten named(String newName) {
        return new Flatten(newName);
    }

    /** Rebuilds the layer {@code config} describes; this layer has no settings. */
    public static Flatten fromConfig(LayerConfig config) {
        return new Flatten(config.layerName());
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = inputShapes.get(0);
        if (in.rank() < 1) {
            throw shapeError("input of rank at least 1 per sample", in);
        }
        return Shape.of(in.size());
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        Tensor x = inputs.get(0);
        Shape s = x.shape();
        return ops.reshape(x, Shape.of(s.dim(0), s.size() / s.dim(0)));
    }
}
