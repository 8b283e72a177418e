package org.resnet4j.nn;

import java.util.List;
import java.util.Map;
import org.resnet4j.ops.ArgumentErrors;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.TrainingModeOps;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Batch normalisation over the last axis, Keras' {@code BatchNormalization}: at inference
 * {@code gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta}; epsilon 1e-3 unless told otherwise.
 * In training (on {@link TrainingModeOps}) it normalises with the batch mean and biased batch variance and updates
 * the moving statistics: {@code moving = moving * momentum + batch * (1 - momentum)}, momentum 0.99 unless told
 * otherwise (torchvision's {@code momentum=0.1} is 0.9 here).
 */
public final class BatchNormalization extends Layer {
    /** Keras' default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-3;
    /** Keras' default momentum of the moving statistics. */
    public static final double DEFAULT_MOMENTUM = 0.99;

    private final double epsilon;
    private final double momentum;

    private BatchNormalization(String name, double epsilon) {
        this(name, epsilon, DEFAULT_MOMENTUM);
    }

    private BatchNormalization(String name, double epsilon, double momentum) {
        super(name);
        if (!(epsilon > 0 && Double.isFinite(epsilon))) {
            throw ArgumentErrors.expects("BatchNormalization", "an epsilon above 0 and finite", "epsilon=" + epsilon);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNormalization momentum must be in [0, 1]. Received: " + momentum);
        }
        this.epsilon = epsilon;
        this.momentum = momentum;
    }

    /** Keras' defaults: epsilon 1e-3, axis -1. */
    public static BatchNormalization of() {
        return new BatchNormalization(null, DEFAULT_EPSILON);
    }

    /** The same layer with another epsilon (keras.applications uses 1.001e-5, torchvision 1e-5). */
    public BatchNormalization withEpsilon(double newEpsilon) {
        return new BatchNormalization(nameOrNull(), newEpsilon, momentum);
    }

    /** The same layer with another momentum of the moving statistics (torchvision's {@code momentum=0.1} is 0.9). */
    public BatchNormalization withMomentum(double newMomentum) {
        return new BatchNormalization(nameOrNull(), epsilon, newMomentum);
    }

    /** The same layer called {@code newName}. */
    public BatchNormalization named(String newName) {
        return new BatchNormalization(newName, epsilon, momentum);
    }

    public double epsilon() {
        return epsilon;
    }

    public double momentum() {
        return momentum;
    }

    /**
     * Rebuilds the layer {@code config} describes: settings {@code epsilon} and {@code momentum} (0.99 when absent,
     * as in descriptions written before training existed).
     */
    public static BatchNormalization fromConfig(LayerConfig config) {
        double momentum = config.values().containsKey("momentum") ? config.number("momentum") : DEFAULT_MOMENTUM;
        return new BatchNormalization(config.layerName(), config.number("epsilon"), momentum);
    }

    /**
     * {@code epsilon}, and {@code momentum} when it is not Keras' default (so that the descriptions of models that
     * never set it read as they did before training existed); the axis is always the last.
     */
    @Override
    public Map<String, Object> config() {
        return momentum == DEFAULT_MOMENTUM ? LayerConfig.settings("epsilon", epsilon)
                : LayerConfig.settings("epsilon", epsilon, "momentum", momentum);
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
        if (ops instanceof TrainingModeOps training) {
            return training.batchNormTraining(inputs.get(0), weights.get("gamma"), weights.get("beta"),
                    weights.get("moving_mean"), weights.get("moving_variance"), (float) epsilon, (float) momentum);
        }
        return ops.batchNorm(inputs.get(0), weights.get("gamma"), weights.get("beta"), weights.get("moving_mean"),
                weights.get("moving_variance"), (float) epsilon);
    }
}
