package org.resnet4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.AveragePooling2D;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Dropout;
import org.resnet4j.nn.Flatten;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.nn.Softmax;
import org.resnet4j.nn.ZeroPadding2D;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tck.Float64Ops;
import org.resnet4j.tck.Float64Tensor;
import org.resnet4j.tck.ReferenceGradients;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tck.FiniteDifferences;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.Loss;
import org.resnet4j.training.SparseCategoricalCrossentropy;

/**
 * End to end: a tiny residual network (padded stem, max pool, an identity block, a projection block with stride 2,
 * average and global pooling, dropout, a dense head) trained in training mode on the tape, its gradient of every
 * trainable parameter checked against central differences in float64. The input images are the first seeded draw
 * for which no ReLU input lies near 0 and no max-pool window has a near tie, where the loss has no derivative.
 */
class TinyResidualNetworkFiniteDifferenceTest {
    private static final double MARGIN = 1e-3;
    private static final PoolOptions STEM_POOL = PoolOptions.of(3, 1, Padding.SAME);

    private static Node convBn(Node x, int filters, int kernel, int stride, String name) {
        Node conv = Conv2D.of(filters, kernel).withStrides(stride).withPadding(Padding.SAME).withoutBias()
                .named(name + "_conv").apply(x);
        return BatchNormalization.of().withMomentum(0.9).named(name + "_bn").apply(conv);
    }

    /** Ends in logits, or in softmax probabilities when {@code probabilities}. */
    private static Model network(boolean probabilities) {
        Node in = Input.of(8, 8, 2);
        Node x = ZeroPadding2D.of(1, 2, 0, 1).apply(in);
        x = Conv2D.of(4, 3).withStrides(2).named("stem_conv").apply(x);
        x = ReLU.of().apply(BatchNormalization.of().named("stem_bn").apply(x));
        x = MaxPooling2D.of(STEM_POOL).named("stem_pool").apply(x);
        Node main = ReLU.of().apply(convBn(x, 4, 3, 1, "a1"));
        x = ReLU.of().apply(Add.of().apply(x, convBn(main, 4, 3, 1, "a2")));
        Node shortcut = convBn(x, 6, 1, 2, "b0");
        main = Activation.of("relu").apply(convBn(x, 6, 3, 2, "b1"));
        x = ReLU.of().apply(Add.of().apply(shortcut, convBn(main, 6, 3, 1, "b2")));
        x = AveragePooling2D.of(new PoolOptions(2, 2, 1, 1, Padding.SAME)).apply(x);
        Node features = probabilities ? Flatten.of().apply(x) : GlobalAveragePooling2D.of().apply(x);
        Node logits = Dense.of(3).named("head").apply(Dropout.of(0.25).apply(features));
        return Model.of("tiny", in, probabilities ? Softmax.of().apply(logits) : logits);
    }

    private static Map<String, Float64Tensor> weights(Model model, boolean trainable) {
        Map<String, Float64Tensor> w = new LinkedHashMap<>();
        long seed = 100;
        for (String name : model.parameters().names()) {
            if (model.parameters().spec(name).trainable() != trainable) {
                continue;
            }
            Float64Tensor value = Float64Tensor.from(model.parameters().get(name));
            if (name.endsWith("gamma") || name.endsWith("beta") || name.endsWith("bias")) {
                // Not the initial 1s and 0s, so that their gradients and their effect on the others are general.
                Float64Tensor noise = Float64Tensor.gaussian(value.shape(), seed++, 0.3);
                for (int i = 0; i < value.values().length; i++) {
                    value.values()[i] += noise.values()[i];
                }
            }
            w.put(name, value);
        }
        return w;
    }

    private static BiFunction<GradientTape, Map<String, Tensor>, Tensor> lossOf(Model model, Loss loss,
            Map<String, Float64Tensor> frozen, Float64Tensor images, HostTensor labels) {
        return (tape, trainable) -> {
            Map<String, Tensor> all = new LinkedHashMap<>(frozen);
            all.putAll(trainable);
            return loss.compute(tape, model.forward(tape, all, List.of(images)).get(0), labels);
        };
    }

    @Test
    void everyTrainableParameter_logitsAndSparseLabels_matchesCentralDifferencesInFloat64() {
        check(false, SparseCategoricalCrossentropy.fromLogits(), HostTensor.of(Shape.of(3), new float[] {2, 0, 1}));
    }

    @Test
    void everyTrainableParameter_softmaxAndKerasCategoricalCrossentropy_matchesCentralDifferencesInFloat64() {
        HostTensor targets = HostTensor.of(Shape.of(3, 3), new float[] {0, 1, 0, 0.2f, 0.3f, 0.5f, 1, 0, 0});
        check(true, CategoricalCrossentropy.of(), targets);
    }

    private void check(boolean probabilities, Loss loss, HostTensor labels) {
        Model model = network(probabilities);
        Map<String, Float64Tensor> trainable = weights(model, true);
        Map<String, Float64Tensor> frozen = weights(model, false);
        Float64Tensor images = null;
        for (long seed = 1; seed <= 50 && images == null; seed++) {
            Float64Tensor candidate = Float64Tensor.gaussian(Shape.of(3, 8, 8, 2), seed, 1.0);
            if (smoothAt(model, trainable, frozen, candidate)) {
                images = candidate;
            }
        }
        assertThat(images).as("an input with no ReLU kink and no max-pool tie nearby among 50 seeds").isNotNull();
        BiFunction<GradientTape, Map<String, Tensor>, Tensor> lossFunction = lossOf(model, loss, frozen, images, labels);
        TapeFiniteDifferences.check("tiny residual network", trainable, lossFunction);
        assertFloat32ReferenceAgrees(model, trainable, frozen, images, lossFunction, loss, labels);
    }

    /**
     * Whether the loss is differentiable at this point with room for the finite-difference steps: every ReLU input
     * and every max-pool winner's lead are further than the margin from a kink.
     */
    private static boolean smoothAt(Model model, Map<String, Float64Tensor> trainable,
            Map<String, Float64Tensor> frozen, Float64Tensor images) {
        Map<String, Tensor> all = new LinkedHashMap<>(frozen);
        all.putAll(trainable);
        Map<Node, double[]> outputs = new java.util.IdentityHashMap<>();
        Float64Ops ops = new Float64Ops();
        try (GradientTape tape = GradientTape.on(ops, ops)) {
            model.forward(tape, all, List.of(images), (node, out) -> outputs.put(node,
                    ((Float64Tensor) (out instanceof TapeTensor t ? t.value() : out)).values().clone()));
        }
        int checkedRelu = 0;
        for (Node n : model.nodes()) {
            if (n.layer() instanceof ReLU || n.layer() instanceof Activation) {
                for (double v : outputs.get(n.inputs().get(0))) {
                    if (Math.abs(v) <= MARGIN) {
                        return false;
                    }
                    checkedRelu++;
                }
            }
            if (n.layer() instanceof MaxPooling2D) {
                Node in = n.inputs().get(0);
                if (!noNearTies(outputs.get(in), in.shape().withBatch(3), STEM_POOL)) {
                    return false;
                }
            }
        }
        assertThat(checkedRelu).as("ReLU inputs checked").isGreaterThan(500);
        return true;
    }

    /** In every window, a positive maximum leads the runner-up by more than the margin (zeros come from a ReLU). */
    private static boolean noNearTies(double[] x, Shape shape, PoolOptions options) {
        int n = shape.dim(0);
        int h = shape.dim(1);
        int w = shape.dim(2);
        int c = shape.dim(3);
        Padding.Explicit pad = options.padding().resolve(h, w, options.poolHeight(), options.poolWidth(),
                options.strideHeight(), options.strideWidth());
        int oh = org.resnet4j.ops.WindowGeometry.outputSize(h, options.poolHeight(), options.strideHeight(),
                pad.top(), pad.bottom());
        int ow = org.resnet4j.ops.WindowGeometry.outputSize(w, options.poolWidth(), options.strideWidth(),
                pad.left(), pad.right());
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        List<Double> cells = new ArrayList<>();
                        for (int py = 0; py < options.poolHeight(); py++) {
                            for (int px = 0; px < options.poolWidth(); px++) {
                                int iy = oy * options.strideHeight() + py - pad.top();
                                int ix = ox * options.strideWidth() + px - pad.left();
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    cells.add(x[((b * h + iy) * w + ix) * c + ch]);
                                }
                            }
                        }
                        cells.sort(java.util.Comparator.reverseOrder());
                        if (cells.get(0) > 0 && cells.get(0) - cells.get(1) <= MARGIN) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** The float32 reference (ReferenceOps + ReferenceGradients) through the same tape agrees with float64. */
    private static void assertFloat32ReferenceAgrees(Model model, Map<String, Float64Tensor> trainable,
            Map<String, Float64Tensor> frozen, Float64Tensor images, BiFunction<GradientTape, Map<String, Tensor>,
            Tensor> lossFunction, Loss loss, HostTensor labels) {
        Float64Ops wide = new Float64Ops();
        Map<String, Tensor> expected;
        try (GradientTape tape = GradientTape.on(wide, wide)) {
            expected = tape.gradient(lossFunction.apply(tape, new LinkedHashMap<>(trainable)),
                    new LinkedHashMap<>(trainable));
        }
        ReferenceOps ops = new ReferenceOps();
        Map<String, Tensor> narrowTrainable = new LinkedHashMap<>();
        trainable.forEach((name, t) -> narrowTrainable.put(name, t.toHost()));
        Map<String, Tensor> all = new LinkedHashMap<>();
        frozen.forEach((name, t) -> all.put(name, t.toHost()));
        all.putAll(narrowTrainable);
        try (GradientTape tape = GradientTape.on(ops, new ReferenceGradients())) {
            Tensor value = loss.compute(tape, model.forward(tape, all, List.of(images.toHost())).get(0), labels);
            Map<String, Tensor> actual = tape.gradient(value, narrowTrainable);
            for (String name : trainable.keySet()) {
                // The floor 1e-3: the float32 rounding of a gradient that is exactly zero (stem_conv/bias, followed
                // by batch normalisation) is about 1e-8, which is no error.
                double error = FiniteDifferences.relativeL2(Float64Tensor.from((HostTensor) actual.get(name)).values(),
                        ((Float64Tensor) expected.get(name)).values(), 1e-3);
                assertThat(error).as("float32 reference gradient of " + name + " against float64").isLessThan(1e-4);
            }
        }
    }
}
