package org.resnet4j.backend.jcuda;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.LayerWeights;
import org.resnet4j.nn.ParameterSpec;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** A test-only layer made of lambdas, so this module can build small models without the layer library. */
final class TestLayer extends Layer {
    private final int arity;
    private final Function<List<Shape>, Shape> shape;
    private final Function<List<Shape>, List<ParameterSpec>> params;
    private final BiFunction<Ops, Object[], Tensor> body;

    /** @param body gets the ops and {inputs, weights} */
    TestLayer(String name, int arity, Function<List<Shape>, Shape> shape,
            Function<List<Shape>, List<ParameterSpec>> params, BiFunction<Ops, Object[], Tensor> body) {
        super(name);
        this.arity = arity;
        this.shape = shape;
        this.params = params;
        this.body = body;
    }

    @Override
    public String typeName() {
        return "TestLayer";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return shape.apply(inputShapes);
    }

    @Override
    public List<ParameterSpec> parameterSpecs(List<Shape> inputShapes) {
        return params.apply(inputShapes);
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        return body.apply(ops, new Object[] {inputs, weights});
    }

    @Override
    public int arity() {
        return arity;
    }
}
