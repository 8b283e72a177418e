package org.resnet4j.nn;

import java.util.List;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The entry of a model: Keras' {@code Input(shape=...)}. {@code Input.of(224, 224, 3)} is a node whose
 * per-sample shape is {@code [224, 224, 3]}; the batch size is chosen at prediction time.
 */
public final class Input extends Layer {
    private final Shape shape;

    private Input(String name, Shape shape) {
        super(name);
        this.shape = shape;
    }

    /** An unnamed input node ({@code input_1}, {@code input_2}, ... in its model). */
    public static Node of(int... sampleDims) {
        return named(null, sampleDims);
    }

    /** A named input node. */
    public static Node named(String name, int... sampleDims) {
        Shape s = Shape.of(sampleDims);
        return new Node(new Input(name, s), List.of(), s);
    }

    @Override
    public String typeName() {
        return "InputLayer";
    }

    /** Keras numbers inputs from 1 ({@code input_1}); the model adds the suffix. */
    @Override
    public String baseName() {
        return "input";
    }

    @Override
    public int arity() {
        return 0;
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return shape;
    }

    /** Inputs are fed, never computed. */
    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        throw new UnsupportedOperationException(name() + " is an input: its value is fed, not computed");
    }
}
