package org.resnet4j.backend.tf;

import java.util.List;
import java.util.function.Function;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.LayerWeights;
import org.resnet4j.nn.ParameterSpec;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** A test layer made of lambdas, so these tests can build models before the real layer classes exist. */
final class OpLayer extends Layer {
    /** Computes a layer's output from ops, inputs and weights. */
    interface Forward {
        Tensor apply(Ops ops, List<Tensor> inputs, LayerWeights weights);
    }

    private final int arity;
    private final Function<List<Shape>, Shape> shape;
    private final List<ParameterSpec> params;
    private final Forward forward;

    OpLayer(String name, int arity, Function<List<Shape>, Shape> shape, List<ParameterSpec> params, Forward forward) {
        super(name);
        this.arity = arity;
        this.shape = shape;
        this.params = params;
        this.forward = forward;
    }

    @Override
    public String typeName() {
        return "OpLayer";
    }

    @Override
    public int arity() {
        return arity;
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return shape.apply(inputShapes);
    }

    @Override
    public List<ParameterSpec> parameterSpecs(List<Shape> inputShapes) {
        return params;
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        return forward.apply(ops, inputs, weights);
    }
}
