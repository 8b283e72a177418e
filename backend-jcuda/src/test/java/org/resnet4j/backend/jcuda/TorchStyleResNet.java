package org.resnet4j.backend.jcuda;

import java.util.Map;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.ops.Padding;
import org.resnet4j.tck.TorchvisionFixtures;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Test helper: torchvision's ResNet wiring (symmetric padding, bottleneck stride on the 3x3) built from the api's
 * layers, named as torchvision's modules, so {@link #load} maps a torchvision state dict onto it by name. It stands in for
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
        y = GlobalAveragePooling2D.of().named("avgpool").apply(y);
        y = Dense.of(classes).named("fc").apply(y);
        return Model.of(name, x, y);
    }

    /** The stem alone, named as torchvision's nn.Sequential in the stem fixture (0 = conv, 1 = BN). */
    static Model stem(int size, int width) {
        Node x = Input.of(size, size, 3);
        Node y = conv("0", 3, width, 7, 2, 3).apply(x);
        y = pool("3").apply(relu("2").apply(bn("1", width).apply(y)));
        return Model.of("stem", x, y);
    }

    /**
     * Loads a torchvision state dict: OIHW kernels become HWIO, the fc weight [out, in] becomes [in, out], and
     * ResNet4J's parameter names map to torchvision's (gamma = weight, moving_variance = running_var, ...).
     */
    static void load(Model model, Map<String, HostTensor> state) {
        for (String full : model.parameters().names()) {
            int slash = full.lastIndexOf('/');
            String module = full.substring(0, slash);
            String key = module + "." + torchName(full.substring(slash + 1), full);
            HostTensor t = state.get(key);
            if (t == null) {
                throw new IllegalArgumentException("state dict has no " + key + " (for " + full + ")");
            }
            if (t.shape().rank() == 4) {
                t = TorchvisionFixtures.oihwToHwio(t);
            } else if (t.shape().rank() == 2) {
                t = transpose(t);
            }
            model.parameters().set(full, t);
        }
    }

    private static String torchName(String parameter, String full) {
        switch (parameter) {
            case "kernel":
            case "gamma":
                return "weight";
            case "beta":
            case "bias":
                return "bias";
            case "moving_mean":
                return "running_mean";
            case "moving_variance":
                return "running_var";
            default:
                throw new IllegalArgumentException("no torchvision name for parameter " + full);
        }
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

    private static Conv2D conv(String name, int cin, int cout, int k, int stride, int pad) {
        return Conv2D.of(cout, k).withStrides(stride).withPadding(Padding.symmetric(pad)).withoutBias().named(name);
    }

    private static BatchNormalization bn(String name, int c) {
        return BatchNormalization.of().withEpsilon(1e-5).named(name);
    }

    private static MaxPooling2D pool(String name) {
        return MaxPooling2D.of(3, 2).withPadding(Padding.symmetric(1)).named(name);
    }

    private static ReLU relu(String name) {
        return ReLU.of().named(name);
    }

    private static Add add(String name) {
        return Add.of().named(name);
    }
}
