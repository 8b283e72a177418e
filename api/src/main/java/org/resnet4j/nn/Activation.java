package org.resnet4j.nn;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** An activation function chosen by name, Keras' {@code Activation}: {@code "relu"}, {@code "softmax"} or {@code "linear"}. */
public final class Activation extends Layer {
    /** The function names this layer knows. */
    public static final List<String> FUNCTIONS = List.of("relu", "softmax", "linear");

    private final String function;

    private Activation(String name, String function) {
        super(name);
        this.function = function;
    }

    /** The activation called {@code function} (case-insensitive). */
    public static Activation of(String function) {
        String f = function == null ? "null" : function.toLowerCase(Locale.ROOT);
        if (!FUNCTIONS.contains(f)) {
            throw new IllegalArgumentException("Activation expects one of " + FUNCTIONS + ". Received: \"" + function
                    + "\"");
        }
        return new Activation(null, f);
    }

    /** The same layer called {@code newName}. */
    public Activation named(String newName) {
        return new Activation(newName, function);
    }

    /** The function name, lower case. */
    public String function() {
        return function;
    }

    /** Rebuilds the layer {@code config} describes: setting {@code activation}. */
    public static Activation fromConfig(LayerConfig config) {
        return of(config.string("activation")).named(config.layerName());
    }

    /** {@code activation}: the function name. */
    @Override
    public Map<String, Object> config() {
        return LayerConfig.settings("activation", function);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = inputShapes.get(0);
        return function.equals("softmax") ? LastAxisSoftmax.check(this, in) : in;
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        Tensor x = inputs.get(0);
        return switch (function) {
            case "relu" -> ops.relu(x);
            case "softmax" -> LastAxisSoftmax.apply(ops, x);
            // The identity still returns a new handle: results are owned (and closed) by the caller.
            default -> ops.reshape(x, x.shape());
        };
    }
}
