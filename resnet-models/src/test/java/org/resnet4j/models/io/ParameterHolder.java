package org.resnet4j.models.io;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.nn.Initializer;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.LayerWeights;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ParameterSpec;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A test-only layer that declares given parameters and passes its input through: lets the weight-import tests build
 * a model with exactly the parameter names and shapes of a Keras layer without depending on the layer classes.
 */
final class ParameterHolder extends Layer {
    private final List<ParameterSpec> specs;

    private ParameterHolder(String name, List<ParameterSpec> specs) {
        super(name);
        this.specs = specs;
    }

    static ParameterHolder conv(String name, int kh, int kw, int in, int out) {
        return new ParameterHolder(name, List.of(
                ParameterSpec.trainable("kernel", Shape.of(kh, kw, in, out), Initializer.ZEROS),
                ParameterSpec.trainable("bias", Shape.of(out), Initializer.ZEROS)));
    }

    static ParameterHolder dense(String name, int in, int out) {
        return new ParameterHolder(name, List.of(
                ParameterSpec.trainable("kernel", Shape.of(in, out), Initializer.ZEROS),
                ParameterSpec.trainable("bias", Shape.of(out), Initializer.ZEROS)));
    }

    static ParameterHolder batchNorm(String name, int channels) {
        Shape s = Shape.of(channels);
        return new ParameterHolder(name, List.of(
                ParameterSpec.trainable("gamma", s, Initializer.ZEROS),
                ParameterSpec.trainable("beta", s, Initializer.ZEROS),
                ParameterSpec.nonTrainable("moving_mean", s, Initializer.ZEROS),
                ParameterSpec.nonTrainable("moving_variance", s, Initializer.ZEROS)));
    }

    /** The parameters of make_keras_h5.py's tiny network, under keras.applications names. */
    static Model tinyKerasModel() {
        List<ParameterHolder> layers = new ArrayList<>(List.of(
                conv("conv1_conv", 3, 3, 3, 4), batchNorm("conv1_bn", 4),
                conv("conv2_block1_0_conv", 1, 1, 4, 8), batchNorm("conv2_block1_0_bn", 8),
                conv("conv2_block1_1_conv", 1, 1, 4, 2), batchNorm("conv2_block1_1_bn", 2),
                dense("predictions", 8, 5)));
        Node input = Input.of(4, 4, 3);
        Node x = input;
        for (ParameterHolder layer : layers) {
            x = layer.apply(x);
        }
        return Model.of("tiny", input, x);
    }

    @Override
    public String typeName() {
        return "ParameterHolder";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public List<ParameterSpec> parameterSpecs(List<Shape> inputShapes) {
        return specs;
    }

    @Override
    public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
        return inputs.get(0);
    }
}
