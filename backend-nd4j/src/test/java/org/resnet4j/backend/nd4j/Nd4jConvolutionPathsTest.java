package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.Padding;
import org.resnet4j.tck.ReferenceGradients;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The convolution's ways of computing, each case chosen so that one of them runs, compared with the float64 oracle:
 * forward ({@code Nd4jKernels.convolve}) by oneDNN 3.11's convolution (the default) and, where it is not available,
 * by libnd4j's or, on maps of at most 16 output cells, by unfolding and a matrix product; backward ({@code Nd4jGradients}) the kernel gradient by oneDNN's backward-weights primitive
 * ({@link Nd4jOneDnnKernelGradient}, the default) and by the matrix products that stand in where it is not
 * available: shifted products (stride 1, 32 or more input channels, little padding) or unfolding; the input
 * gradient by oneDNN's backward-data primitive ({@link Nd4jOneDnnInputGradient}, the default), by a convolution
 * with the kernel turned (of the output gradient padded, or spread out by the strides; itself either forward way)
 * where it is not available, or, for 1x1 kernels at a stride above 1, by folding. The contract's cases have few
 * channels, so they never reach the shifted products.
 */
class Nd4jConvolutionPathsTest {
    private static final Nd4jOps OPS = (Nd4jOps) new Nd4jBackend().ops();

    static Object[][] cases() {
        return new Object[][] {
            // name, n, h, w, kh, kw, cin, cout, stride, padding
            {"shifts, SAME", 2, 12, 12, 3, 3, 32, 24, 1, Padding.SAME},
            {"shifts, VALID (no padding)", 2, 20, 18, 3, 3, 40, 16, 1, Padding.VALID},
            {"shifts, explicit asymmetric padding", 1, 13, 12, 3, 3, 32, 8, 1, Padding.explicit(0, 2, 1, 0)},
            {"shifts, 1x1 kernel", 2, 9, 9, 1, 1, 48, 8, 1, Padding.VALID},
            {"unfolding: stride 1 on a small map (too much padding for shifts)", 3, 4, 4, 3, 3, 64, 32, 1,
                Padding.SAME},
            {"unfolding: one input channel, as the stem", 2, 10, 10, 3, 3, 1, 16, 1, Padding.SAME},
            {"unfolding + spread turned kernel: stride 2 SAME on an even size", 2, 10, 10, 3, 3, 32, 16, 2,
                Padding.SAME},
            {"unfolding + spread turned kernel: stride 2 VALID, rows the windows never reach", 1, 10, 10, 3, 3, 32, 8,
                2, Padding.VALID},
            {"unfolding + spread turned kernel: stride 2 SAME, 7x7 kernel as the stem", 1, 11, 11, 7, 7, 3, 8, 2,
                Padding.SAME},
            {"unfolding + folding: stride 2, 1x1 kernel", 2, 9, 9, 1, 1, 16, 8, 2, Padding.VALID},
            {"strided 1x1 with 4 input channels on an even size (oneDNN's kernel corrupted memory there)", 2, 16, 16,
                1, 1, 4, 8, 2, Padding.VALID},
            {"unfolding + folding: stride 2, 1x1 kernel, padded", 1, 6, 6, 1, 1, 4, 4, 2, Padding.symmetric(1)},
            {"spread turned kernel at stride 1 with padding as large as the kernel", 1, 6, 6, 2, 2, 8, 4, 1,
                Padding.symmetric(2)},
            {"spread turned kernel at stride 2 with padding beyond the kernel", 1, 7, 7, 2, 2, 4, 4, 2,
                Padding.explicit(3, 2, 0, 3)},
            {"one output pixel at stride 2 (ND4J's one-position strided interval)", 2, 2, 2, 3, 3, 8, 4, 2,
                Padding.SAME},
            {"turned kernel on a map larger than 16 cells: oneDNN's convolution", 2, 6, 6, 3, 3, 8, 16, 1,
                Padding.SAME},
        };
    }

    static Object[][] forwardCases() {
        return new Object[][] {
            // name, n, h, w, kh, kw, cin, cout, stride, padding
            {"oneDNN: 5x5 output, SAME", 2, 5, 5, 3, 3, 8, 16, 1, Padding.SAME},
            {"oneDNN: asymmetric padding materialised", 1, 10, 9, 3, 3, 4, 8, 2, Padding.SAME},
            {"unfolding: 4x4 output, SAME", 3, 4, 4, 3, 3, 24, 16, 1, Padding.SAME},
            {"unfolding: 2x2 output at stride 2, asymmetric SAME", 2, 4, 4, 3, 3, 8, 8, 2, Padding.SAME},
            {"unfolding: 1x1 kernel", 2, 3, 3, 1, 1, 16, 8, 1, Padding.VALID},
            {"unfolding: one output pixel at stride 2 (ND4J's one-position strided interval)", 2, 2, 2, 3, 3, 8, 4, 2,
                Padding.explicit(1, 0, 1, 0)},
            {"unfolding: explicit padding, 3x2 output", 1, 3, 2, 3, 3, 5, 6, 1, Padding.explicit(1, 1, 2, 0)},
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwardCases")
    void conv2d_everyWayOfComputing_matchesTheOracle(String name, int n, int h, int w, int kh, int kw, int cin,
            int cout, int stride, Padding padding) {
        Random random = new Random(name.hashCode());
        HostTensor x = gaussian(random, 1.0, n, h, w, cin);
        HostTensor k = gaussian(random, 1.0 / Math.sqrt(kh * kw * cin), kh, kw, cin, cout);
        HostTensor b = gaussian(random, 1.0, cout);
        Conv2dOptions options = Conv2dOptions.of(stride, padding);
        HostTensor expected;
        try (Tensor y = new ReferenceOps().conv2d(x, k, b, options)) {
            expected = new ReferenceOps().download(y);
        }
        try (Tensor xOn = OPS.upload(x); Tensor kOn = OPS.upload(k); Tensor bOn = OPS.upload(b);
                Tensor y = OPS.conv2d(xOn, kOn, bOn, options);
                Tensor onLibnd4j = OPS.upload(HostTensor.zeros(expected.shape()))) {
            TensorComparison.assertClose(name + ": on oneDNN 3.11", OPS.download(y), expected);
            OPS.convolveOnLibnd4j(Nd4jKernels.array(xOn, name), Nd4jKernels.array(kOn, name),
                    Nd4jKernels.array(bOn, name), options, ConvolutionShapes.padding(x.shape(), k.shape(), options),
                    Nd4jKernels.array(onLibnd4j, name));
            TensorComparison.assertClose(name + ": on libnd4j", OPS.download(onLibnd4j), expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conv2dBackward_everyWayOfComputing_matchesTheOracle(String name, int n, int h, int w, int kh, int kw,
            int cin, int cout, int stride, Padding padding) {
        Random random = new Random(name.hashCode());
        HostTensor x = gaussian(random, 1.0, n, h, w, cin);
        HostTensor k = gaussian(random, 1.0 / Math.sqrt(kh * kw * cin), kh, kw, cin, cout);
        Conv2dOptions options = Conv2dOptions.of(stride, padding);
        Shape outShape;
        try (Tensor y = new ReferenceOps().conv2d(x, k, null, options)) {
            outShape = y.shape();
        }
        HostTensor dy = gaussian(random, 1.0, outShape.toArray());
        Conv2dGradients expected = new ReferenceGradients().conv2dBackward(dy, x, k, options, true);
        try (Tensor dyOn = OPS.upload(dy); Tensor xOn = OPS.upload(x); Tensor kOn = OPS.upload(k)) {
            Conv2dGradients actual = OPS.conv2dBackward(dyOn, xOn, kOn, options, true);
            HostTensor expectedKernel = new ReferenceOps().download(expected.kernel());
            try (Tensor dx = actual.input(); Tensor dk = actual.kernel()) {
                TensorComparison.assertClose(name + ": input gradient", OPS.download(dx),
                        new ReferenceOps().download(expected.input()));
                TensorComparison.assertClose(name + ": kernel gradient", OPS.download(dk), expectedKernel);
            }
            Padding.Explicit explicit = ConvolutionShapes.padding(x.shape(), k.shape(), options);
            INDArray byProducts = OPS.matrixKernelGradient(Nd4jKernels.array(dyOn, name), Nd4jKernels.array(xOn,
                    name), Nd4jKernels.array(kOn, name), options, explicit);
            try (Tensor dk = OPS.tensor(byProducts)) {
                TensorComparison.assertClose(name + ": kernel gradient by matrix products", OPS.download(dk),
                        expectedKernel);
            }
            INDArray byConvolution = OPS.convolutionInputGradient(Nd4jKernels.array(dyOn, name),
                    Nd4jKernels.array(xOn, name), Nd4jKernels.array(kOn, name), options, explicit);
            try (Tensor dx = OPS.tensor(byConvolution)) {
                TensorComparison.assertClose(name + ": input gradient by a convolution", OPS.download(dx),
                        new ReferenceOps().download(expected.input()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneDnnKernelGradient_isAvailableHere_andTakesEveryCaseButStrided1x1(String name, int n, int h, int w, int kh, int kw,
            int cin, int cout, int stride, Padding padding) {
        assertThat(Nd4jOneDnnKernelGradient.available()).as("oneDNN's preset loads on linux-x86_64").isNotNull();
        Random random = new Random(name.hashCode());
        Conv2dOptions options = Conv2dOptions.of(stride, padding);
        HostTensor x = gaussian(random, 1.0, n, h, w, cin);
        HostTensor k = gaussian(random, 1.0, kh, kw, cin, cout);
        Shape output = ConvolutionShapes.conv2d(x.shape(), k.shape(), null, options);
        HostTensor dy = gaussian(random, 1.0, output.toArray());
        HostTensor expected;
        try (Tensor dk = new ReferenceGradients().conv2dBackward(dy, x, k, options, false).kernel()) {
            expected = new ReferenceOps().download(dk);
        }
        boolean refused = kh == 1 && kw == 1 && stride > 1;
        for (Nd4jOneDnnKernelGradient.Layout layout : Nd4jOneDnnKernelGradient.Layout.values()) {
            Nd4jOneDnnKernelGradient onednn = new Nd4jOneDnnKernelGradient(Nd4jOneDnnRuntime.get(), layout);
            try (Tensor xOn = OPS.upload(x); Tensor dyOn = OPS.upload(dy);
                    Tensor dw = OPS.upload(HostTensor.zeros(k.shape()))) {
                assertThat(onednn.compute(Nd4jKernels.array(xOn, name), Nd4jKernels.array(dyOn, name),
                        Nd4jKernels.array(dw, name), options, ConvolutionShapes.padding(x.shape(), k.shape(), options),
                        OPS)).as("oneDNN takes every case but a strided 1x1 kernel (%s)", layout).isEqualTo(!refused);
                if (!refused) {
                    TensorComparison.assertClose(name + ": kernel gradient by oneDNN, " + layout, OPS.download(dw),
                            expected);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void oneDnnKernelGradientLayout_isReadFromItsProperty_andABadValueIsAClearError() {
        assertThat(Nd4jOneDnnKernelGradient.Layout.of(null)).isEqualTo(Nd4jOneDnnKernelGradient.Layout.PREFERRED);
        assertThat(Nd4jOneDnnKernelGradient.Layout.of(" NHWC ")).isEqualTo(Nd4jOneDnnKernelGradient.Layout.NHWC);
        assertThat(Nd4jOneDnnKernelGradient.Layout.of("preferred"))
                .isEqualTo(Nd4jOneDnnKernelGradient.Layout.PREFERRED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nd4jOneDnnKernelGradient.Layout.of("blocked"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dresnet4j.nd4j.onednnKernelGradient.layout expects preferred or nhwc. Received: blocked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneDnnInputGradient_isAvailableHere_andTakesEveryCase(String name, int n, int h, int w, int kh, int kw,
            int cin, int cout, int stride, Padding padding) {
        Nd4jOneDnnInputGradient onednn = Nd4jOneDnnInputGradient.available();
        assertThat(onednn).as("oneDNN's preset loads on linux-x86_64").isNotNull();
        assertInputGradientMatchesTheOracle(onednn, name, n, h, w, kh, kw, cin, cout, stride, padding);
    }

    /** Each layout alone, the blocked one (two reorders around the primitive) included, on every case. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneDnnInputGradient_inEachLayout_matchesTheOracle(String name, int n, int h, int w, int kh, int kw,
            int cin, int cout, int stride, Padding padding) {
        Nd4jOneDnnRuntime runtime = Nd4jOneDnnRuntime.get();
        assertThat(runtime).as("oneDNN's preset loads on linux-x86_64").isNotNull();
        for (Nd4jOneDnnInputGradient.Layout layout : Nd4jOneDnnInputGradient.Layout.values()) {
            assertInputGradientMatchesTheOracle(new Nd4jOneDnnInputGradient(runtime, false, layout),
                    name + " (" + layout + ")", n, h, w, kh, kw, cin, cout, stride, padding);
        }
    }

    /** So that the test above runs the blocked path: oneDNN's JIT kernels on x86-64 prefer a blocked layout here. */
    @org.junit.jupiter.api.Test
    void oneDnnInputGradient_inThePreferredLayout_isBlockedOnA4x4MapWith64Channels() {
        Nd4jOneDnnRuntime runtime = Nd4jOneDnnRuntime.get();
        assertThat(runtime).as("oneDNN's preset loads on linux-x86_64").isNotNull();
        Conv2dOptions options = Conv2dOptions.of(1, Padding.SAME);
        Random random = new Random(4);
        HostTensor x = gaussian(random, 1.0, 3, 4, 4, 64);
        HostTensor k = gaussian(random, 0.05, 3, 3, 64, 32);
        HostTensor dy = gaussian(random, 1.0, 3, 4, 4, 32);
        try (Tensor dyOn = OPS.upload(dy); Tensor kOn = OPS.upload(k);
                Tensor dx = OPS.upload(HostTensor.zeros(x.shape()))) {
            Padding.Explicit p = ConvolutionShapes.padding(x.shape(), k.shape(), options);
            INDArray dyArray = Nd4jKernels.array(dyOn, "dy");
            INDArray kArray = Nd4jKernels.array(kOn, "k");
            INDArray dxArray = Nd4jKernels.array(dx, "dx");
            assertThat(new Nd4jOneDnnInputGradient(runtime, false, Nd4jOneDnnInputGradient.Layout.PREFERRED)
                    .readsBlocked(dyArray, kArray, dxArray, options, p)).isTrue();
            assertThat(new Nd4jOneDnnInputGradient(runtime, false, Nd4jOneDnnInputGradient.Layout.NHWC)
                    .readsBlocked(dyArray, kArray, dxArray, options, p)).isFalse();
        }
    }

    @org.junit.jupiter.api.Test
    void oneDnnInputGradientLayout_isReadFromItsProperty_andABadValueIsAClearError() {
        assertThat(Nd4jOneDnnInputGradient.Layout.of(null)).isEqualTo(Nd4jOneDnnInputGradient.Layout.FASTEST);
        assertThat(Nd4jOneDnnInputGradient.Layout.of(" NHWC ")).isEqualTo(Nd4jOneDnnInputGradient.Layout.NHWC);
        assertThat(Nd4jOneDnnInputGradient.Layout.of("preferred"))
                .isEqualTo(Nd4jOneDnnInputGradient.Layout.PREFERRED);
        assertThatThrownBy(() -> Nd4jOneDnnInputGradient.Layout.of("blocked"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dresnet4j.nd4j.onednnInputGradient.layout expects fastest, nhwc or preferred."
                        + " Received: blocked");
    }

    private static void assertInputGradientMatchesTheOracle(Nd4jOneDnnInputGradient onednn, String name, int n,
            int h, int w, int kh, int kw, int cin, int cout, int stride, Padding padding) {
        Random random = new Random(name.hashCode());
        Conv2dOptions options = Conv2dOptions.of(stride, padding);
        HostTensor x = gaussian(random, 1.0, n, h, w, cin);
        HostTensor k = gaussian(random, 1.0 / Math.sqrt(kh * kw * cin), kh, kw, cin, cout);
        Shape output = ConvolutionShapes.conv2d(x.shape(), k.shape(), null, options);
        HostTensor dy = gaussian(random, 1.0, output.toArray());
        HostTensor expected;
        try (Tensor dx = new ReferenceGradients().conv2dBackward(dy, x, k, options, true).input()) {
            expected = new ReferenceOps().download(dx);
        }
        try (Tensor dyOn = OPS.upload(dy); Tensor kOn = OPS.upload(k);
                Tensor dx = OPS.upload(HostTensor.zeros(x.shape()))) {
            assertThat(onednn.compute(Nd4jKernels.array(dyOn, name), Nd4jKernels.array(kOn, name),
                    Nd4jKernels.array(dx, name), options, ConvolutionShapes.padding(x.shape(), k.shape(), options),
                    OPS)).as("oneDNN takes the shape").isTrue();
            TensorComparison.assertClose(name + ": input gradient by oneDNN", OPS.download(dx), expected);
        }
    }

    @org.junit.jupiter.api.Test
    void oneDnnKernelGradient_ofViewsIntoLargerArrays_isTheGradientOfTheirCopies() {
        Nd4jOneDnnKernelGradient onednn = Nd4jOneDnnKernelGradient.available();
        assertThat(onednn).isNotNull();
        Random random = new Random(7);
        Conv2dOptions options = Conv2dOptions.of(2, Padding.SAME);
        Shape kernel = Shape.of(3, 3, 8, 4);
        try (Tensor batch = OPS.upload(gaussian(random, 1.0, 5, 6, 6, 8));
                Tensor gradients = OPS.upload(gaussian(random, 1.0, 5, 3, 3, 4))) {
            // images 2 and 3 of each: views that start inside their buffers
            INDArray x = Nd4jKernels.array(batch, "test").get(NDArrayIndex.interval(2, 4), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all());
            INDArray dy = Nd4jKernels.array(gradients, "test").get(NDArrayIndex.interval(2, 4), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all());
            assertThat(x.offset()).isPositive();
            INDArray fromViews = org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 3,
                    8, 4);
            INDArray fromCopies = fromViews.dup();
            Padding.Explicit explicit = ConvolutionShapes.padding(Shape.of(2, 6, 6, 8), kernel, options);
            assertThat(onednn.compute(x, dy, fromViews, options, explicit, OPS)).isTrue();
            assertThat(onednn.compute(x.dup('c'), dy.dup('c'), fromCopies, options, explicit, OPS)).isTrue();
            assertThat(fromViews.reshape(288).toFloatVector())
                    .containsExactly(fromCopies.reshape(288).toFloatVector());
            assertThat(fromCopies.norm2Number().doubleValue()).isPositive();
        }
    }

    private static HostTensor gaussian(Random random, double scale, int... dims) {
        Shape shape = Shape.of(dims);
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * scale);
        }
        return HostTensor.of(shape, data);
    }
}
