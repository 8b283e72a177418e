package org.resnet4j.nn;

import java.util.List;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** The rectifier {@code max(x, 0)} as a layer of its own, Keras' {@code ReLU}; any shape. */
public final class ReLU extends Layer {
    private ReLU(String name) {
        super(name);
    }

    /** An unnamed ReLU ({@code re_lu}, {@code re_lu_1}, ... in its model). */
    public static ReLU of() {
        return new ReLU(null);
    }

    /** The same layer called {@code newName}. */
    public ReLU named(String newName) {
        return new ReLU(newName);
    }

    /** Rebuilds the layer {@code config} describes; this layer has no settings. */
    public static ReLU fromConfig(LayerConfig config) {
        return new ReLU(config.layerName());
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        return ops.relu(inputs.get(0));
    }
}
