package org.resnet4j.nn;

import java.util.List;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** The elementwise sum of two or more nodes of the same shape, Keras' {@code Add}: the join of a residual block. */
public final class Add extends Layer {
    private Add(String name) {
        super(name);
    }

    /** An unnamed sum ({@code add}, {@code add_1}, ... in its model). */
    public static Add of() {
        return new Add(null);
    }

    /** The same layer called {@code newName}. */
    public Add named(String newName) {
        return new Add(newName);
    }

    /** Rebuilds the layer {@code config} describes; this layer has no settings. */
    public static Add fromConfig(LayerConfig config) {
        return new Add(config.layerName());
    }

    @Override
    public int arity() {
        return -1;
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        if (inputShapes.size() < 2) {
            throw shapeError("at least 2 inputs", inputShapes);
        }
        Shape first = inputShapes.get(0);
        for (Shape s : inputShapes) {
            if (!s.equals(first)) {
                throw shapeError("inputs of equal shapes (no broadcasting)", inputShapes);
            }
        }
        return first;
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        Tensor sum = ops.add(inputs.get(0), inputs.get(1));
        for (int i = 2; i < inputs.size(); i++) {
            Tensor partial = sum;
            try {
                sum = ops.add(partial, inputs.get(i));
            } finally {
                partial.close();
            }
        }
        return sum;
    }
}
