package org.resnet4j.nn;

import java.util.List;
import java.util.Map;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The entry of a model: Keras' {@code Input(shape=...)}. {@code Input.of(224, 224, 3)} is a node whose
 * per-sample shape is {@code [224, 224, 3]}; the batch size is chosen at prediction time.
 */
public final class Input extends Layer {
    /** The type name Keras gives inputs, also used in model descriptions. */
    public static final String TYPE_NAME = "InputLayer";

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

    /** The input node {@code config} describes: setting {@code shape}, the per-sample dimensions. */
    public static Node fromConfig(LayerConfig config) {
        int[] dims = config.integers("shape");
        config.requireAllRead();
        try {
            return named(config.layerName(), dims);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Layer \"" + config.layerName() + "\" (" + TYPE_NAME + "): "
                    + e.getMessage(), e);
        }
    }

    /** {@code shape}: the per-sample dimensions, without the batch. */
    @Override
    public Map<String, Object> config() {
        return LayerConfig.settings("shape", java.util.Arrays.stream(shape.toArray()).boxed().toList());
    }

    @Override
    public String typeName() {
        return TYPE_NAME;
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
