package org.resnet4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Padding;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** Folding batch norms into convolutions changes the graph, never the result (checked on the plain-loop oracle). */
class BatchNormFoldingTest {

    /** conv+BN+ReLU stem, a residual pair, and three pairs that must not fold. */
    private static Model mixed() {
        Node x = Input.of(9, 9, 3);
        Node stem = Conv2D.of(4, 3).withStrides(2).withPadding(Padding.symmetric(1)).withoutBias().named("stem_conv")
                .apply(x);
        stem = BatchNormalization.of().withEpsilon(1e-5).named("stem_bn").apply(stem);
        stem = Activation.of("relu").apply(stem);
        // A convolution with its own bias, folded too.
        Node branch = Conv2D.of(4, 1).named("branch_conv").apply(stem);
        branch = BatchNormalization.of().named("branch_bn").apply(branch);
        Node sum = Add.of().apply(stem, branch);
        // Not foldable: the convolution's output is also used by the Add below.
        Node shared = Conv2D.of(4, 1).withoutBias().named("shared_conv").apply(sum);
        Node sharedBn = BatchNormalization.of().named("shared_bn").apply(shared);
        Node joined = Add.of().apply(shared, sharedBn);
        // Not foldable: a batch norm after an Add.
        Node afterAdd = BatchNormalization.of().named("after_add_bn").apply(joined);
        Node pooled = GlobalAveragePooling2D.of().apply(afterAdd);
        Node logits = Dense.of(3).apply(pooled);
        // Not foldable: the convolution is a model output itself.
        Node exposed = Conv2D.of(2, 1).named("exposed_conv").apply(afterAdd);
        Node exposedBn = BatchNormalization.of().named("exposed_bn").apply(exposed);
        return Model.of("mixed", List.of(x), List.of(logits, exposed, exposedBn));
    }

    /** Every parameter random; variances positive; means and betas away from zero so the fold has work to do. */
    private static void randomize(Model model, long seed) {
        Random rng = new Random(seed);
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            for (int i = 0; i < d.length; i++) {
                double g = rng.nextGaussian();
                d[i] = (float) (name.endsWith("moving_variance") ? 0.2 + Math.abs(g) : g);
            }
        }
    }

    private static List<HostTensor> run(Model model, HostTensor input) {
        ReferenceOps ops = new ReferenceOps();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        model.parameters().asMap().forEach((name, value) -> weights.put(name, ops.upload(value)));
        return model.forward(ops, weights, List.of(ops.upload(input))).stream().map(ops::download).toList();
    }

    private static HostTensor randomImages(int n, long seed) {
        Random rng = new Random(seed);
        float[] d = new float[n * 9 * 9 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return HostTensor.of(Shape.of(n, 9, 9, 3), d);
    }

    @Test
    void fold_mixedModel_computesTheSameOutputsAsTheUnfusedModel() {
        Model model = mixed();
        randomize(model, 7);
        HostTensor images = randomImages(2, 11);

        List<HostTensor> expected = run(model, images);
        List<HostTensor> actual = run(BatchNormFolding.fold(model), images);

        assertThat(actual).hasSize(3);
        for (int i = 0; i < 3; i++) {
            TensorComparison.assertClose("output " + i, actual.get(i), expected.get(i));
        }
    }

    @Test
    void fold_mixedModel_removesExactlyTheFoldablePairs() {
        Model folded = BatchNormFolding.fold(mixed());

        List<String> batchNorms = folded.layers().stream().filter(l -> l instanceof BatchNormalization)
                .map(Layer::name).toList();
        assertThat(batchNorms).containsExactly("shared_bn", "after_add_bn", "exposed_bn");
        Conv2D stem = (Conv2D) folded.layer("stem_conv");
        assertThat(stem.useBias()).isTrue();
        assertThat(stem.strideHeight()).isEqualTo(2);
        assertThat(stem.padding()).isEqualTo(Padding.symmetric(1));
        assertThat(((Conv2D) folded.layer("shared_conv")).useBias()).isFalse();
        assertThat(folded.parameters().names()).contains("stem_conv/bias", "branch_conv/bias")
                .doesNotContain("stem_bn/gamma", "branch_bn/moving_mean");
    }

    @Test
    void fold_oneChannel_matchesTheFormulaWorkedByHand() {
        Node x = Input.of(1, 1, 1);
        Node y = Conv2D.of(1, 1).named("c").apply(x);
        y = BatchNormalization.of().withEpsilon(1.0).named("b").apply(y);
        Model model = Model.of("one", x, y);
        ParameterStore p = model.parameters();
        p.set("c/kernel", HostTensor.of(Shape.of(1, 1, 1, 1), new float[] {2f}));
        p.set("c/bias", HostTensor.of(Shape.of(1), new float[] {0.5f}));
        p.set("b/gamma", HostTensor.of(Shape.of(1), new float[] {3f}));
        p.set("b/beta", HostTensor.of(Shape.of(1), new float[] {0.25f}));
        p.set("b/moving_mean", HostTensor.of(Shape.of(1), new float[] {1f}));
        p.set("b/moving_variance", HostTensor.of(Shape.of(1), new float[] {3f}));

        ParameterStore folded = BatchNormFolding.fold(model).parameters();

        // scale = 3 / sqrt(3 + 1) = 1.5; kernel = 2 * 1.5 = 3; bias = (0.5 - 1) * 1.5 + 0.25 = -0.5
        assertThat(folded.get("c/kernel").data()[0]).isCloseTo(3f, within(1e-7f));
        assertThat(folded.get("c/bias").data()[0]).isCloseTo(-0.5f, within(1e-7f));
        // The original model keeps its own values.
        assertThat(p.get("c/kernel").data()[0]).isEqualTo(2f);
    }

    @Test
    void fold_perOutputChannel_scalesTheMatchingKernelColumn() {
        Node x = Input.of(1, 1, 2);
        Node y = Conv2D.of(2, 1).withoutBias().named("c").apply(x);
        y = BatchNormalization.of().withEpsilon(1e-3).named("b").apply(y);
        Model model = Model.of("two", x, y);
        ParameterStore p = model.parameters();
        // HWIO [1, 1, 2, 2]: element (i, o) at index i * 2 + o.
        p.set("c/kernel", HostTensor.of(Shape.of(1, 1, 2, 2), new float[] {1f, 2f, 3f, 4f}));
        p.set("b/gamma", HostTensor.of(Shape.of(2), new float[] {1f, 10f}));
        p.set("b/moving_variance", HostTensor.of(Shape.of(2), new float[] {1f - 1e-3f, 4f - 1e-3f}));

        float[] kernel = BatchNormFolding.fold(model).parameters().get("c/kernel").data();

        // Output channel 0 scaled by 1 / sqrt(1) = 1, channel 1 by 10 / sqrt(4) = 5.
        assertThat(kernel[0]).isCloseTo(1f, within(1e-4f));
        assertThat(kernel[1]).isCloseTo(10f, within(1e-4f));
        assertThat(kernel[2]).isCloseTo(3f, within(1e-4f));
        assertThat(kernel[3]).isCloseTo(20f, within(1e-4f));
    }

    @Test
    void forInference_propertyFalse_returnsTheModelItself() {
        Model model = mixed();
        String before = System.getProperty(BatchNormFolding.PROPERTY);
        try {
            System.setProperty(BatchNormFolding.PROPERTY, "false");
            assertThat(BatchNormFolding.forInference(model)).isSameAs(model);
            System.setProperty(BatchNormFolding.PROPERTY, "true");
            assertThat(BatchNormFolding.forInference(model)).isNotSameAs(model);
        } finally {
            if (before == null) {
                System.clearProperty(BatchNormFolding.PROPERTY);
            } else {
                System.setProperty(BatchNormFolding.PROPERTY, before);
            }
        }
    }
}
