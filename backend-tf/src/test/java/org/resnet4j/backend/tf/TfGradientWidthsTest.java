package org.resnet4j.backend.tf;

import static org.resnet4j.tck.TensorComparison.assertClose;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.tck.ReferenceGradients;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The backward primitives, eager and with TensorFlow's default kernels (oneDNN's on CPUs with AVX-512 VNNI or BF16,
 * AVX-VNNI or AMX, Eigen's elsewhere), on the shapes a ResNet-18 of base width 32 to 64 meets at a 64x64 input and
 * batch 2, against {@link ReferenceGradients}. {@code
 * Conv2DBackpropInput} under oneDNN returned input gradients 26-41 % off (relative L2) for 40, 48, 80 and 112 input
 * channels (base widths 40 to 56, which {@code resnet4j gradients} found wrong) while 32, 56, 64, 96, 128, 160 and
 * 512 were right, so 8 of the 16 convolutions here failed until {@link TfGradients} stopped calling it; the kernel
 * gradients and {@code FusedBatchNormGradV3} were right on every shape here.
 */
class TfGradientWidthsTest {
    private static final ReferenceGradients REFERENCE = new ReferenceGradients();
    private static TfBackend backend;

    @BeforeAll
    static void open() {
        backend = new TfBackend();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    /** side, input channels, output channels, kernel side, stride; padding is kernel side / 2 as in ResNet. */
    static Stream<Arguments> convolutions() {
        return Stream.of(
                conv(16, 40, 80, 3, 2), conv(16, 40, 80, 1, 2), conv(8, 40, 40, 3, 1),
                conv(8, 80, 160, 3, 2), conv(8, 80, 160, 1, 2), conv(8, 80, 80, 3, 1),
                conv(16, 48, 96, 3, 2), conv(8, 96, 192, 3, 2), conv(16, 56, 112, 3, 2), conv(8, 112, 224, 1, 2),
                conv(8, 32, 64, 3, 2), conv(16, 64, 64, 3, 1), conv(16, 64, 128, 3, 2), conv(8, 128, 256, 1, 2),
                conv(4, 160, 320, 3, 2), conv(2, 512, 512, 3, 1));
    }

    private static Arguments conv(int side, int in, int out, int kernel, int stride) {
        return Arguments.of(side, in, out, kernel, stride);
    }

    @ParameterizedTest(name = "{0}x{0}x{1} -> {2}, {3}x{3} stride {4}")
    @MethodSource("convolutions")
    void conv2dBackward_resNetWidthShapes_matchesReference(int side, int in, int out, int kernel, int stride) {
        TfOps ops = backend.ops();
        int pad = kernel / 2;
        Conv2dOptions options = Conv2dOptions.of(stride, Padding.explicit(pad, pad, pad, pad));
        HostTensor x = HostTensor.gaussian(Shape.of(2, side, side, in), 1);
        HostTensor k = HostTensor.gaussian(Shape.of(kernel, kernel, in, out), 2);
        int outSide = (side + 2 * pad - kernel) / stride + 1;
        HostTensor dy = HostTensor.gaussian(Shape.of(2, outSide, outSide, out), 3);
        Conv2dGradients expected = REFERENCE.conv2dBackward(dy, x, k, options, true);
        Conv2dGradients actual = ops.conv2dBackward(ops.upload(dy), ops.upload(x), ops.upload(k), options, true);
        assertClose("conv2dBackward input gradient", ops.download(actual.input()), (HostTensor) expected.input());
        assertClose("conv2dBackward kernel gradient", ops.download(actual.kernel()), (HostTensor) expected.kernel());
    }

    /** The batch-norm shapes of those networks, with a dense output gradient and a ReLU-masked one. */
    static Stream<Arguments> batchNorms() {
        return Stream.of(new int[] {2, 2, 2, 512}, new int[] {2, 4, 4, 160}, new int[] {2, 8, 8, 80},
                new int[] {2, 8, 8, 40}, new int[] {2, 16, 16, 40}, new int[] {2, 2, 2, 64})
                .flatMap(s -> Stream.of(Arguments.of(Shape.of(s), false), Arguments.of(Shape.of(s), true)));
    }

    @ParameterizedTest(name = "{0}, ReLU-masked gradient {1}")
    @MethodSource("batchNorms")
    void batchNormBackward_resNetWidthShapes_matchesReference(Shape shape, boolean masked) {
        TfOps ops = backend.ops();
        int c = shape.dim(-1);
        HostTensor x = HostTensor.gaussian(shape, 4);
        HostTensor dy = HostTensor.gaussian(shape, 5);
        if (masked) { // what a ReLU after global average pooling passes back: zero or the channel's own value
            float[] d = dy.data();
            float[] w = HostTensor.gaussian(Shape.of(c), 6).data();
            for (int i = 0; i < d.length; i++) {
                d[i] = d[i] > 0 ? w[i % c] / 4 : 0f;
            }
        }
        HostTensor gamma = HostTensor.gaussian(Shape.of(c), 7);
        HostTensor mean = HostTensor.zeros(Shape.of(c));
        HostTensor variance = HostTensor.zeros(Shape.of(c));
        float[] xs = x.data();
        int m = shape.size() / c;
        for (int i = 0; i < xs.length; i++) {
            mean.data()[i % c] += xs[i] / m;
        }
        for (int i = 0; i < xs.length; i++) {
            float d = xs[i] - mean.data()[i % c];
            variance.data()[i % c] += d * d / m;
        }
        BatchNormGradients expected = REFERENCE.batchNormBackward(dy, x, gamma, mean, variance, 1e-5f);
        BatchNormGradients actual = ops.batchNormBackward(ops.upload(dy), ops.upload(x), ops.upload(gamma),
                ops.upload(mean), ops.upload(variance), 1e-5f);
        assertClose("batchNormBackward input", ops.download(actual.input()), (HostTensor) expected.input());
        assertClose("batchNormBackward gamma", ops.download(actual.gamma()), (HostTensor) expected.gamma());
        assertClose("batchNormBackward beta", ops.download(actual.beta()), (HostTensor) expected.beta());
    }
}
