package org.resnet4j.nn;

import java.util.List;
import java.util.Map;
import org.resnet4j.ops.ArgumentErrors;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Batch normalisation in inference mode over the last axis, Keras' {@code BatchNormalization}:
 * {@code gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta}; epsilon 1e-3 unless told otherwise.
 */
public final class BatchNormalization extends Layer {
    /** Keras' default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-3;

    private final double epsilon;

    private BatchNormalization(String name, double epsilon) {
        super(name);
        if (!(epsilon > 0 && Double.isFinite(epsilon))) {
            throw ArgumentErrors.expects("BatchNormalization", "an epsilon above 0 and finite", "epsilon=" + epsilon);
        }
        this.epsilon = epsilon;
    }

    /** Keras' defaults: epsilon 1e-3, axis -1. */
    public static BatchNormalization of() {
        return new BatchNormalization(null, DEFAULT_EPSILON);
    }

    /** The same layer with another epsilon (keras.applications uses 1.001e-5, torchvision 1e-5). */
    public BatchNormalization withEpsilon(double newEpsilon) {
        return new BatchNormalization(nameOrNull(), newEpsilon);
    }

    /** The same layer called {@code newName}. */
    public BatchNormalization named(String newName) {
        return new BatchNormalization(newName, epsilon);
    }

    public double epsilon() {
        return epsilon;
    }

    /** Rebuilds the layer {@code config} describes: setting {@code epsilon}. */
    public static BatchNormalization fromConfig(LayerConfig config) {
        return new BatchNormalization(config.layerName(), config.number("epsilon"));
    }

    /** {@code epsilon}; the axis is always the last. */
    @Override
    public Map<String, Object> config() {
        return LayerConfig.settings("epsilon", epsilon);
    }

    @Override
    public String typeName() {
        return "BatchNormalization";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return checked(inputShapes.get(0));
    }

    private Shape checked(Shape in) {
        if (in.rank() < 1) {
            throw shapeError("input of rank at least 1 per sample (channels last)", in);
        }
        return in;
    }

    @Override
    public List<ParameterSpec> parameterSpecs(List<Shape> inputShapes) {
        Shape channels = Shape.of(checked(inputShapes.get(0)).dim(-1));
        return List.of(
                ParameterSpec.trainable("gamma", channels, Initializer.ONES),
                ParameterSpec.trainable("beta", channels, Initializer.ZEROS),
                ParameterSpec.nonTrainable("moving_mean", channels, Initializer.ZEROS),
                ParameterSpec.nonTrainable("moving_variance", channels, Initializer.ONES));
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        return ops.batchNorm(inputs.get(0), weights.get("gamma"), weights.get("beta"), weights.get("moving_mean"),
                weights.get("moving_variance"), (float) epsilon);
    }
}
