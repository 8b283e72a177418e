package org.resnet4j.nn;

import java.util.List;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** Softmax over the last axis, Keras' {@code Softmax(axis=-1)}: turns class scores into probabilities. */
public final class Softmax extends Layer {
    private Softmax(String name) {
        super(name);
    }

    /** An unnamed softmax over the last axis. */
    public static Softmax of() {
        return new Softmax(null);
    }

    /** The same layer called {@code newName}. */
    public Softmax named(String newName) {
        return new Softmax(newName);
    }

    /** Rebuilds the layer {@code config} describes; this layer has no settings. */
    public static Softmax fromConfig(LayerConfig config) {
        return new Softmax(config.layerName());
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return LastAxisSoftmax.check(this, inputShapes.get(0));
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        return LastAxisSoftmax.apply(ops, inputs.get(0));
    }
}
