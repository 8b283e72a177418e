package org.resnet4j.backend.nd4j;

import java.util.List;
import java.util.Random;
import org.resnet4j.nn.Initializer;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.LayerWeights;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ParameterSpec;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A tiny residual network built from test-only layers (the real layer classes live on another branch), with
 * a plain-loop forward pass as its oracle: conv 3x3/2 SAME + BN + ReLU, max pool 3/2 SAME, a residual
 * conv 3x3 SAME + BN added to its input + ReLU, global average pool, dense, softmax.
 */
final class TinyNet {
    static final int SIZE = 12;
    static final int CHANNELS = 3;
    static final int FILTERS = 4;
    static final int CLASSES = 5;
    static final float EPSILON = 1.001e-5f;

    private TinyNet() {
    }

    static Model build(long seed) {
        Node x = Input.of(SIZE, SIZE, CHANNELS);
        Node stem = new ConvBn("stem", 2, true).apply(x);
        Node pooled = new MaxPool("pool").apply(stem);
        Node branch = new ConvBn("block_conv", 1, false).apply(pooled);
        Node sum = new AddRelu("block_add").apply(pooled, branch);
        Node probs = new Head("head").apply(sum);
        Model model = Model.of("tiny", x, probs);
        Random r = new Random(seed);
        for (String name : model.parameters().names()) {
            HostTensor t = HostTensor.zeros(model.parameters().shape(name));
            for (int i = 0; i < t.size(); i++) {
                t.data()[i] = name.endsWith("variance") ? 0.5f + r.nextFloat() : (float) r.nextGaussian() * 0.5f;
            }
            model.parameters().set(name, t);
        }
        return model;
    }

    /** The network computed with plain loops on the host. */
    static HostTensor reference(Model model, HostTensor input) {
        HostTensor stem = convBn(model, "stem", input, 2, true);
        HostTensor pooled = LoopReference.pool(stem, 3, 3, 2, 2, Padding.SAME, true);
        HostTensor branch = convBn(model, "block_conv", pooled, 1, false);
        float[] s = new float[pooled.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.max(0, pooled.data()[i] + branch.data()[i]);
        }
        int n = input.shape().dim(0);
        int hw = pooled.shape().dim(1) * pooled.shape().dim(2);
        float[] kernel = model.parameters().get("head/kernel").data();
        float[] bias = model.parameters().get("head/bias").data();
        HostTensor out = HostTensor.zeros(Shape.of(n, CLASSES));
        for (int b = 0; b < n; b++) {
            double[] logits = new double[CLASSES];
            for (int o = 0; o < CLASSES; o++) {
                double acc = bias[o];
                for (int c = 0; c < FILTERS; c++) {
                    double mean = 0;
                    for (int p = 0; p < hw; p++) {
                        mean += s[(b * hw + p) * FILTERS + c];
                    }
                    acc += mean / hw * kernel[c * CLASSES + o];
                }
                logits[o] = acc;
            }
            double max = java.util.Arrays.stream(logits).max().orElseThrow();
            double total = 0;
            for (int o = 0; o < CLASSES; o++) {
                total += Math.exp(logits[o] - max);
            }
            for (int o = 0; o < CLASSES; o++) {
                out.set((float) (Math.exp(logits[o] - max) / total), b, o);
            }
        }
        return out;
    }

    private static HostTensor convBn(Model model, String layer, HostTensor x, int stride, boolean relu) {
        HostTensor y = LoopReference.conv2d(x, model.parameters().get(layer + "/kernel"), null, stride, stride,
                Padding.SAME);
        float[] g = model.parameters().get(layer + "/gamma").data();
        float[] be = model.parameters().get(layer + "/beta").data();
        float[] m = model.parameters().get(layer + "/moving_mean").data();
        float[] v = model.parameters().get(layer + "/moving_variance").data();
        for (int i = 0; i < y.size(); i++) {
            int c = i % FILTERS;
            float z = (float) (g[c] * (y.data()[i] - m[c]) / Math.sqrt(v[c] + EPSILON) + be[c]);
            y.data()[i] = relu ? Math.max(0, z) : z;
        }
        return y;
    }

    /** Conv (no bias) + batch norm, optionally + ReLU. */
    static final class ConvBn extends Layer {
        private final int stride;
        private final boolean relu;

        ConvBn(String name, int stride, boolean relu) {
            super(name);
            this.stride = stride;
            this.relu = relu;
        }

        @Override
        public String typeName() {
            return "ConvBn";
        }

        @Override
        public Shape outputShape(List<Shape> in) {
            Shape s = in.get(0);
            return Shape.of((s.dim(0) + stride - 1) / stride, (s.dim(1) + stride - 1) / stride, FILTERS);
        }

        @Override
        public List<ParameterSpec> parameterSpecs(List<Shape> in) {
            Shape c = Shape.of(FILTERS);
            return List.of(ParameterSpec.trainable("kernel", Shape.of(3, 3, in.get(0).dim(2), FILTERS),
                            Initializer.HE_NORMAL),
                    ParameterSpec.trainable("gamma", c, Initializer.ONES),
                    ParameterSpec.trainable("beta", c, Initializer.ZEROS),
                    ParameterSpec.nonTrainable("moving_mean", c, Initializer.ZEROS),
                    ParameterSpec.nonTrainable("moving_variance", c, Initializer.ONES));
        }

        @Override
        public Tensor forward(Ops ops, List<Tensor> in, LayerWeights w) {
            try (Tensor conv = ops.conv2d(in.get(0), w.get("kernel"), null, Conv2dOptions.of(stride, Padding.SAME))) {
                Tensor bn = ops.batchNorm(conv, w.get("gamma"), w.get("beta"), w.get("moving_mean"),
                        w.get("moving_variance"), EPSILON);
                if (!relu) {
                    return bn;
                }
                try (bn) {
                    return ops.relu(bn);
                }
            }
        }
    }

    /** Max pool 3/2 SAME. */
    static final class MaxPool extends Layer {
        MaxPool(String name) {
            super(name);
        }

        @Override
        public String typeName() {
            return "MaxPool";
        }

        @Override
        public Shape outputShape(List<Shape> in) {
            Shape s = in.get(0);
            return Shape.of((s.dim(0) + 1) / 2, (s.dim(1) + 1) / 2, s.dim(2));
        }

        @Override
        public Tensor forward(Ops ops, List<Tensor> in, LayerWeights w) {
            return ops.maxPool(in.get(0), PoolOptions.of(3, 2, Padding.SAME));
        }
    }

    /** ReLU of the sum of two inputs. */
    static final class AddRelu extends Layer {
        AddRelu(String name) {
            super(name);
        }

        @Override
        public String typeName() {
            return "AddRelu";
        }

        @Override
        public int arity() {
            return 2;
        }

        @Override
        public Shape outputShape(List<Shape> in) {
            return in.get(0);
        }

        @Override
        public Tensor forward(Ops ops, List<Tensor> in, LayerWeights w) {
            try (Tensor sum = ops.add(in.get(0), in.get(1))) {
                return ops.relu(sum);
            }
        }
    }

    /** Global average pool, dense with bias, softmax. */
    static final class Head extends Layer {
        Head(String name) {
            super(name);
        }

        @Override
        public String typeName() {
            return "Head";
        }

        @Override
        public Shape outputShape(List<Shape> in) {
            return Shape.of(CLASSES);
        }

        @Override
        public List<ParameterSpec> parameterSpecs(List<Shape> in) {
            return List.of(ParameterSpec.trainable("kernel", Shape.of(in.get(0).dim(2), CLASSES),
                            Initializer.GLOROT_UNIFORM),
                    ParameterSpec.trainable("bias", Shape.of(CLASSES), Initializer.ZEROS));
        }

        @Override
        public Tensor forward(Ops ops, List<Tensor> in, LayerWeights w) {
            try (Tensor pooled = ops.globalAvgPool(in.get(0));
                 Tensor logits = ops.dense(pooled, w.get("kernel"), w.get("bias"))) {
                return ops.softmax(logits);
            }
        }
    }
}
