package org.resnet4j.tutorials.lesson09;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.Backends;
import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Padding;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.TensorDifference;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tutorials.lesson09.solutions.Exercise1Solution;
import org.resnet4j.tutorials.lesson09.solutions.Exercise2Solution;

/** Lesson 9's exercise solutions, run on the default backend against the unfolded networks. */
class Lesson09ExercisesTest {
    private static Backend backend;

    @BeforeAll
    static void startBackend() {
        backend = Backends.get();
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @Test
    void exercise1_foldsEveryBatchNormOfCifarResNet20OptionB_andComputesTheSameOutput() {
        Model model = ResNets.cifar(20, CifarShortcut.B_PROJECTION);
        trainedLookingStatistics(model, 1);
        Model folded = Exercise1Solution.foldAll(model);

        // One BatchNorm after each of the 19 convolutions of the main path and the 2 projections.
        assertThat(count(model, BatchNormalization.class)).isEqualTo(21);
        assertThat(count(folded, BatchNormalization.class)).isZero();
        assertThat(folded.layers()).hasSize(model.layers().size() - 21);
        assertThat(count(folded, Conv2D.class)).isEqualTo(21);
        HostTensor x = HostTensor.gaussian(Shape.of(2, 32, 32, 3), 2);
        assertThat(TensorDifference.relativeL2(predict(folded, x), predict(model, x))).isLessThan(1e-5);
    }

    @Test
    void exercise1_foldsATorchvisionResNet18_includingItsStemAndProjections() {
        Model model = ResNet.build(ResNets.torchvisionConfig(18).withBaseWidth(8).withClasses(10)
                .withInputSize(64, 64));
        trainedLookingStatistics(model, 3);
        Model folded = Exercise1Solution.foldAll(model);

        // ResNet-18: the stem conv, 16 block convs, 3 projections: 20 BatchNorms.
        assertThat(count(model, BatchNormalization.class)).isEqualTo(20);
        assertThat(count(folded, BatchNormalization.class)).isZero();
        HostTensor x = HostTensor.gaussian(Shape.of(1, 64, 64, 3), 4);
        assertThat(TensorDifference.relativeL2(predict(folded, x), predict(model, x))).isLessThan(1e-5);
    }

    @Test
    void exercise2_batchNormBeforeA1x1Convolution_foldsExactly() {
        Model original = bnThenConv(1, Padding.VALID);
        Model folded = foldedBnThenConv(original, 1, Padding.VALID);
        HostTensor x = HostTensor.gaussian(Shape.of(1, 6, 6, 3), 5);
        assertThat(TensorDifference.relativeL2(predict(folded, x), predict(original, x))).isLessThan(1e-6);
    }

    @Test
    void exercise2_batchNormBeforeA3x3SameConvolution_isRightInsideAndWrongOnTheBorder() {
        Model original = bnThenConv(3, Padding.SAME);
        Model folded = foldedBnThenConv(original, 3, Padding.SAME);
        HostTensor x = HostTensor.gaussian(Shape.of(1, 6, 6, 3), 6);
        HostTensor expected = predict(original, x);
        HostTensor actual = predict(folded, x);
        // Inside, no window touches the padding and the algebra holds; on the border the padded zeros differ.
        for (int y = 1; y < 5; y++) {
            for (int c = 0; c < 2; c++) {
                assertThat((double) actual.get(0, y, 2, c)).isCloseTo(expected.get(0, y, 2, c),
                        org.assertj.core.data.Offset.offset(1e-4));
            }
        }
        double border = 0;
        for (int c = 0; c < 2; c++) {
            border = Math.max(border, Math.abs(actual.get(0, 0, 0, c) - expected.get(0, 0, 0, c)));
        }
        assertThat(border).isGreaterThan(1e-2);
    }

    /** x -> BatchNorm (trained-looking statistics) -> k x k convolution of 2 filters with bias. */
    private static Model bnThenConv(int k, Padding padding) {
        Node in = Input.of(6, 6, 3);
        Node bn = BatchNormalization.of().withEpsilon(1e-5).named("bn").apply(in);
        Node conv = Conv2D.of(2, k).withPadding(padding).named("conv").apply(bn);
        Model model = Model.of("bn_conv", in, conv).initialize(7);
        trainedLookingStatistics(model, 7);
        float[] bias = model.parameters().get("conv/bias").data();
        bias[0] = 0.25f;
        bias[1] = -0.5f;
        return model;
    }

    private static Model foldedBnThenConv(Model original, int k, Padding padding) {
        Node in = Input.of(6, 6, 3);
        Model folded = Model.of("folded", in, Conv2D.of(2, k).withPadding(padding).named("conv").apply(in));
        HostTensor kernel = original.parameters().get("conv/kernel");
        HostTensor gamma = original.parameters().get("bn/gamma");
        HostTensor variance = original.parameters().get("bn/moving_variance");
        folded.parameters().set("conv/kernel", Exercise2Solution.kernel(kernel, gamma, variance, 1e-5));
        folded.parameters().set("conv/bias", Exercise2Solution.bias(kernel, original.parameters().get("conv/bias"),
                gamma, original.parameters().get("bn/beta"), original.parameters().get("bn/moving_mean"), variance,
                1e-5));
        return folded;
    }

    private static void trainedLookingStatistics(Model model, long seed) {
        Random rng = new Random(seed);
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            boolean positive = name.endsWith("/gamma") || name.endsWith("/moving_variance");
            boolean shift = name.endsWith("/beta") || name.endsWith("/moving_mean");
            for (int i = 0; i < d.length && (positive || shift); i++) {
                d[i] = positive ? 0.5f + rng.nextFloat() : (float) (0.5 * rng.nextGaussian());
            }
        }
    }

    private static long count(Model model, Class<? extends Layer> type) {
        return model.layers().stream().filter(type::isInstance).count();
    }

    private static HostTensor predict(Model model, HostTensor x) {
        try (CompiledModel compiled = backend.compile(model)) {
            return compiled.predict(x);
        }
    }
}
