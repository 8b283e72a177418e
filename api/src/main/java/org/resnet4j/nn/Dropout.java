package org.resnet4j.nn;

import java.util.List;
import java.util.Map;
import org.resnet4j.ops.ElementwiseShapes;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.TrainingModeOps;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** Keras' {@code Dropout}: zeroes a fraction {@code rate} of activations in training, the identity at inference. */
public final class Dropout extends Layer {
    private final double rate;

    private Dropout(String name, double rate) {
        super(name);
        ElementwiseShapes.rate("Dropout", rate);
        this.rate = rate;
    }

    /** Drops {@code rate} of the activations while training. */
    public static Dropout of(double rate) {
        return new Dropout(null, rate);
    }

    /** The same layer called {@code newName}. */
    public Dropout named(String newName) {
        return new Dropout(newName, rate);
    }

    public double rate() {
        return rate;
    }

    /** Rebuilds the layer {@code config} describes: setting {@code rate}. */
    public static Dropout fromConfig(LayerConfig config) {
        return new Dropout(config.layerName(), config.number("rate"));
    }

    /** {@code rate}. */
    @Override
    public Map<String, Object> config() {
        return LayerConfig.settings("rate", rate);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        if (ops instanceof TrainingModeOps training) {
            return training.dropoutTraining(inputs.get(0), (float) rate);
        }
        return ops.dropout(inputs.get(0), (float) rate);
    }
}
