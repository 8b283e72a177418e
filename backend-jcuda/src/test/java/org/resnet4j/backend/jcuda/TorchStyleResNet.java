package org.resnet4j.backend.jcuda;

import java.util.List;
import java.util.Map;
import org.resnet4j.nn.Initializer;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.LayerWeights;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ParameterSpec;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Test helper: torchvision's ResNet wiring (symmetric padding, bottleneck stride on the 3x3) built from test
 * layers whose names are torchvision's module names, so a torchvision state dict loads by name. It stands in for
 * the resnet-models module, which this backend module must not depend on.
 */
final class TorchStyleResNet {
    private TorchStyleResNet() {
    }

    /** @param bottleneck Bottleneck (expansion 4) or BasicBlock */
    static Model build(String name, int size, boolean bottleneck, int[] layers, int width, int classes) {
        Node x = Input.of(size, size, 3);
        Node y = conv("conv1", 3, width, 7, 2, 3).apply(x);
        y = relu("relu").apply(bn("bn1", width).apply(y));
        y = pool("maxpool").apply(y);
        int in = width;
        for (int stage = 0; stage < 4; stage++) {
            int planes = width << stage;
            int out = bottleneck ? planes * 4 : planes;
            for (int b = 0; b < layers[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                String p = "layer" + (stage + 1) + "." + b + ".";
                Node r;
                if (bottleneck) {
                    r = relu(p + "relu1").apply(bn(p + "bn1", planes).apply(conv(p + "conv1", in, planes, 1, 1, 0).apply(y)));
                    r = relu(p + "relu2").apply(bn(p + "bn2", planes).apply(conv(p + "conv2", planes, planes, 3, stride, 1).apply(r)));
                    r = bn(p + "bn3", out).apply(conv(p + "conv3", planes, out, 1, 1, 0).apply(r));
                } else {
                    r = relu(p + "relu1").apply(bn(p + "bn1", planes).apply(conv(p + "conv1", in, planes, 3, stride, 1).apply(y)));
                    r = bn(p + "bn2", planes).apply(conv(p + "conv2", planes, planes, 3, 1, 1).apply(r));
                }
                Node shortcut = y;
                if (stride != 1 || in != out) {
                    shortcut = bn(p + "downsample.1", out).apply(conv(p + "downsample.0", in, out, 1, stride, 0).apply(y));
                }
                y = relu(p + "relu").apply(add(p + "add").apply(r, shortcut));
                in = out;
            }
        }
        y = new TestLayer("avgpool", 1, s -> Shape.of(s.get(0).dim(2)), s -> List.of(),
                (ops, a) -> ops.globalAvgPool(in(a, 0))).apply(y);
        int features = in;
        y = new TestLayer("fc", 1, s -> Shape.of(classes),
                s -> List.of(ParameterSpec.trainable("weight", Shape.of(features, classes), Initializer.GLOROT_UNIFORM),
                        ParameterSpec.trainable("bias", Shape.of(classes), Initializer.ZEROS)),
                (ops, a) -> ops.dense(in(a, 0), w(a, "weight"), w(a, "bias"))).apply(y);
        return Model.of(name, x, y);
    }

    /** The stem alone, named as torchvision's nn.Sequential in the stem fixture (0 = conv, 1 = BN). */
    static Model stem(int size, int width) {
        Node x = Input.of(size, size, 3);
        Node y = conv("0", 3, width, 7, 2, 3).apply(x);
        y = pool("3").apply(relu("2").apply(bn("1", width).apply(y)));
        return Model.of("stem", x, y);
    }

    /** Loads a torchvision state dict: OIHW kernels become HWIO, the fc weight [out, in] becomes [in, out]. */
    static void load(Model model, Map<String, HostTensor> state) {
        for (String full : model.parameters().names()) {
            String key = full.replace('/', '.');
            HostTensor t = state.get(key);
            if (t == null) {
                throw new IllegalArgumentException("state dict has no " + key);
            }
            if (t.shape().rank() == 4) {
                t = oihwToHwio(t);
            } else if (t.shape().rank() == 2) {
                t = transpose(t);
            }
            model.parameters().set(full, t);
        }
    }

    private static HostTensor oihwToHwio(HostTensor t) {
        int o = t.shape().dim(0), i = t.shape().dim(1), h = t.shape().dim(2), w = t.shape().dim(3);
        HostTensor r = HostTensor.zeros(Shape.of(h, w, i, o));
        for (int a = 0; a < o; a++) {
            for (int b = 0; b < i; b++) {
                for (int c = 0; c < h; c++) {
                    for (int d = 0; d < w; d++) {
                        r.set(t.get(a, b, c, d), c, d, b, a);
                    }
                }
            }
        }
        return r;
    }

    private static HostTensor transpose(HostTensor t) {
        int r = t.shape().dim(0), c = t.shape().dim(1);
        HostTensor out = HostTensor.zeros(Shape.of(c, r));
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out.set(t.get(i, j), j, i);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Tensor in(Object[] a, int i) {
        return ((List<Tensor>) a[0]).get(i);
    }

    private static Tensor w(Object[] a, String name) {
        return ((LayerWeights) a[1]).get(name);
    }

    private static TestLayer conv(String name, int cin, int cout, int k, int stride, int pad) {
        return new TestLayer(name, 1, s -> Shape.of(WindowGeometry.outputSize(s.get(0).dim(0), k, stride, pad, pad),
                WindowGeometry.outputSize(s.get(0).dim(1), k, stride, pad, pad), cout),
                s -> List.of(ParameterSpec.trainable("weight", Shape.of(k, k, cin, cout), Initializer.HE_NORMAL)),
                (ops, a) -> ops.conv2d(in(a, 0), w(a, "weight"), null, Conv2dOptions.of(stride, Padding.symmetric(pad))));
    }

    private static TestLayer bn(String name, int c) {
        return new TestLayer(name, 1, s -> s.get(0), s -> List.of(
                ParameterSpec.trainable("weight", Shape.of(c), Initializer.ONES),
                ParameterSpec.trainable("bias", Shape.of(c), Initializer.ZEROS),
                ParameterSpec.nonTrainable("running_mean", Shape.of(c), Initializer.ZEROS),
                ParameterSpec.nonTrainable("running_var", Shape.of(c), Initializer.ONES)),
                (ops, a) -> ops.batchNorm(in(a, 0), w(a, "weight"), w(a, "bias"), w(a, "running_mean"),
                        w(a, "running_var"), 1e-5f));
    }

    private static TestLayer pool(String name) {
        return new TestLayer(name, 1, s -> Shape.of(WindowGeometry.outputSize(s.get(0).dim(0), 3, 2, 1, 1),
                WindowGeometry.outputSize(s.get(0).dim(1), 3, 2, 1, 1), s.get(0).dim(2)), s -> List.of(),
                (ops, a) -> ops.maxPool(in(a, 0), PoolOptions.of(3, 2, Padding.symmetric(1))));
    }

    private static TestLayer relu(String name) {
        return new TestLayer(name, 1, s -> s.get(0), s -> List.of(), (ops, a) -> ops.relu(in(a, 0)));
    }

    private static TestLayer add(String name) {
        return new TestLayer(name, 2, s -> s.get(0), s -> List.of(), (ops, a) -> ops.add(in(a, 0), in(a, 1)));
    }
}
