package org.resnet4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** A fully connected layer on vectors, Keras' {@code Dense}: kernel {@code [in, units]} (Glorot-uniform) and bias (zeros). */
public final class Dense extends Layer {
    private final int units;
    private final boolean useBias;

    private Dense(String name, int units, boolean useBias) {
        super(name);
        Windows.requirePositive("Dense units", units);
        this.units = units;
        this.useBias = useBias;
    }

    /** {@code units} outputs, with bias. */
    public static Dense of(int units) {
        return new Dense(null, units, true);
    }

    /** The same layer without bias. */
    public Dense withoutBias() {
        return new Dense(nameOrNull(), units, false);
    }

    /** The same layer called {@code newName}. */
    public Dense named(String newName) {
        return new Dense(newName, units, useBias);
    }

    public int units() {
        return units;
    }

    public boolean useBias() {
        return useBias;
    }

    /** Rebuilds the layer {@code config} describes: {@code units}, {@code use_bias}. */
    public static Dense fromConfig(LayerConfig config) {
        return new Dense(config.layerName(), config.integer("units"), config.flag("use_bias"));
    }

    /** {@code units}, {@code use_bias}. */
    @Override
    public Map<String, Object> config() {
        return LayerConfig.settings("units", units, "use_bias", useBias);
    }

    private Shape vector(List<Shape> inputShapes) {
        Shape in = inputShapes.get(0);
        if (in.rank() != 1) {
            throw shapeError("input of rank 1 per sample (a vector; use Flatten or GlobalAveragePooling2D first)", in);
        }
        return in;
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        vector(inputShapes);
        return Shape.of(units);
    }

    @Override
    public List<ParameterSpec> parameterSpecs(List<Shape> inputShapes) {
        Shape in = vector(inputShapes);
        List<ParameterSpec> specs = new ArrayList<>(2);
        specs.add(ParameterSpec.trainable("kernel", Shape.of(in.dim(0), units), Initializer.GLOROT_UNIFORM));
        if (useBias) {
            specs.add(ParameterSpec.trainable("bias", Shape.of(units), Initializer.ZEROS));
        }
        return List.copyOf(specs);
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        return ops.dense(inputs.get(0), weights.get("kernel"), useBias ? weights.get("bias") : null);
    }
}
