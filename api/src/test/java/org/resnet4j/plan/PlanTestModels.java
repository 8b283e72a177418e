package org.resnet4j.plan;

import java.util.List;
import java.util.Random;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Dropout;
import org.resnet4j.nn.Flatten;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.LayerWeights;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.nn.Softmax;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** Small models whose plans are worked out by hand in the tests; every parameter is random. */
final class PlanTestModels {
    private PlanTestModels() {
    }

    /** conv-BN-ReLU, conv-BN, Add with the block's input, ReLU: the basic residual block on an 8x8x4 input. */
    static Model residualBlock() {
        Node x = Input.of(8, 8, 4);
        Node y = Conv2D.of(4, 3).withPadding(Padding.SAME).withoutBias().named("conv1").apply(x);
        y = BatchNormalization.of().named("bn1").apply(y);
        y = ReLU.of().named("relu1").apply(y);
        y = Conv2D.of(4, 3).withPadding(Padding.SAME).withoutBias().named("conv2").apply(y);
        y = BatchNormalization.of().named("bn2").apply(y);
        Node sum = Add.of().named("add").apply(y, x);
        return randomized(Model.of("block", x, ReLU.of().named("out").apply(sum)));
    }

    /** ReLU of the input, Flatten, Dropout, Dense, Softmax: reshapes and dropout between the ops. */
    static Model flatHead() {
        Node x = Input.of(3, 3, 4);
        Node y = ReLU.of().named("relu").apply(x);
        y = Flatten.of().named("flatten").apply(y);
        y = Dropout.of(0.5).named("dropout").apply(y);
        y = Dense.of(5).named("dense").apply(y);
        return randomized(Model.of("flat_head", x, Softmax.of().named("softmax").apply(y)));
    }

    /** Three branches summed by one Add (two add steps), then a ReLU. */
    static Model threeWaySum() {
        Node x = Input.of(5, 5, 2);
        Node a = Conv2D.of(3, 1).named("a").apply(x);
        Node b = Conv2D.of(3, 3).withPadding(Padding.SAME).named("b").apply(x);
        Node c = Conv2D.of(3, 1).withoutBias().named("c").apply(x);
        Node sum = Add.of().named("sum").apply(a, b, c);
        return randomized(Model.of("three_way", x, ReLU.of().named("out").apply(sum)));
    }

    /** A convolution, then a layer that convolves with a fixed kernel it uploads itself, then a ReLU. */
    static Model constantKernel() {
        Node x = Input.of(5, 5, 2);
        Node y = Conv2D.of(3, 1).named("conv").apply(x);
        y = new FixedKernelLayer("fixed").apply(y);
        return randomized(Model.of("constant_kernel", x, ReLU.of().named("relu").apply(y)));
    }

    /**
     * A layer without parameters whose forward uploads a constant 1x1 kernel (as a ResNet's zero-padding shortcut
     * does): {@code out[c] = sum_i in[i] * (i + 1 - c)}, mixing every input channel into 2 output channels.
     */
    static final class FixedKernelLayer extends Layer {
        FixedKernelLayer(String name) {
            super(name);
        }

        @Override
        public String typeName() {
            return "FixedKernel";
        }

        @Override
        public Shape outputShape(List<Shape> inputShapes) {
            Shape in = inputShapes.get(0);
            return Shape.of(in.dim(0), in.dim(1), 2);
        }

        @Override
        public Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights) {
            int channels = inputs.get(0).shape().dim(3);
            HostTensor kernel = HostTensor.zeros(Shape.of(1, 1, channels, 2));
            for (int i = 0; i < channels; i++) {
                for (int c = 0; c < 2; c++) {
                    kernel.set(i + 1 - c, 0, 0, i, c);
                }
            }
            try (Tensor k = ops.upload(kernel)) {
                return ops.conv2d(inputs.get(0), k, null, Conv2dOptions.of(1, Padding.VALID));
            }
        }
    }

    private static Model randomized(Model model) {
        Random r = new Random(model.name().hashCode());
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            for (int i = 0; i < d.length; i++) {
                double g = r.nextGaussian();
                d[i] = (float) (name.endsWith("moving_variance") ? 0.5 + Math.abs(g) : g);
            }
        }
        return model;
    }
}
