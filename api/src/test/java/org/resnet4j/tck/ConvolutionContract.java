package org.resnet4j.tck;

import static org.resnet4j.tck.OpRunner.assertMatchesReference;
import static org.resnet4j.tck.OpRunner.gaussian;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.HostTensor;

/**
 * {@code conv2d} against {@link ReferenceOps}: every padding (VALID, SAME, explicit symmetric and asymmetric),
 * strides 1 and 2 on odd and even sizes, the kernel sizes ResNet uses (1x1, 3x3, 7x7), non-square inputs, kernels
 * and strides, with and without bias, and channel counts that are not multiples of 8. The SAME tests on even sizes
 * pin TensorFlow's rule: the odd extra row and column of padding go to the bottom and right.
 */
public interface ConvolutionContract extends BackendUnderTest {

    @Test
    default void conv2d_3x3_stride1_valid_matchesReference() {
        checkConv(11, 1, 7, 7, 3, 3, 3, 4, 1, 1, Padding.VALID, true);
    }

    @Test
    default void conv2d_3x3_stride1_same_matchesReference() {
        checkConv(12, 2, 6, 6, 3, 3, 3, 5, 1, 1, Padding.SAME, true);
    }

    @Test
    default void conv2d_stride2_valid_oddAndEvenSizes_matchesReference() {
        checkConv(13, 1, 7, 7, 3, 3, 3, 4, 2, 2, Padding.VALID, true);
        checkConv(14, 1, 8, 8, 3, 3, 3, 4, 2, 2, Padding.VALID, true);
    }

    @Test
    default void conv2d_stride2_same_oddSize_matchesReference() {
        checkConv(15, 1, 7, 7, 3, 3, 3, 4, 2, 2, Padding.SAME, true);
    }

    @Test
    default void conv2d_stride2_same_evenSize_putsExtraPaddingBottomRight() {
        // Even input, odd kernel, stride 2: SAME pads 0 on top/left and 1 on bottom/right (TensorFlow's rule).
        checkConv(16, 1, 8, 8, 3, 3, 3, 4, 2, 2, Padding.SAME, true);
        checkConv(17, 1, 10, 10, 5, 5, 3, 4, 2, 2, Padding.SAME, false);
    }

    @Test
    default void conv2d_stride2_explicitSymmetricPadding_oddAndEvenSizes_matchesReference() {
        checkConv(18, 1, 7, 7, 3, 3, 3, 4, 2, 2, Padding.symmetric(1), true);
        checkConv(19, 1, 8, 8, 3, 3, 3, 4, 2, 2, Padding.symmetric(1), true);
    }

    @Test
    default void conv2d_asymmetricExplicitPadding_matchesReference() {
        checkConv(20, 1, 6, 7, 3, 3, 2, 3, 1, 1, Padding.explicit(0, 2, 1, 0), true);
        checkConv(21, 1, 6, 7, 3, 3, 2, 3, 2, 2, Padding.explicit(2, 0, 0, 1), false);
    }

    @Test
    default void conv2d_1x1_stride1_and_stride2_matchesReference() {
        checkConv(22, 2, 6, 6, 1, 1, 8, 5, 1, 1, Padding.VALID, true);
        checkConv(23, 2, 7, 6, 1, 1, 8, 5, 2, 2, Padding.VALID, false);
    }

    @Test
    default void conv2d_7x7_stride2_symmetricPadding3_matchesReference() {
        checkConv(24, 1, 15, 15, 7, 7, 3, 8, 2, 2, Padding.symmetric(3), false);
        checkConv(25, 1, 16, 16, 7, 7, 3, 8, 2, 2, Padding.SAME, false);
    }

    @Test
    default void conv2d_nonSquareInputAndKernel_andUnequalStrides_matchesReference() {
        checkConv(26, 1, 9, 6, 3, 2, 3, 4, 2, 1, Padding.VALID, true);
        checkConv(27, 1, 9, 6, 1, 3, 3, 4, 1, 2, Padding.SAME, true);
    }

    @Test
    default void conv2d_withoutBias_matchesReference() {
        checkConv(28, 1, 6, 6, 3, 3, 4, 4, 1, 1, Padding.SAME, false);
    }

    @Test
    default void conv2d_batch3_channelsNotMultipleOf8_matchesReference() {
        checkConv(29, 3, 5, 6, 3, 3, 5, 13, 1, 1, Padding.SAME, true);
        checkConv(30, 3, 7, 5, 3, 3, 13, 3, 2, 2, Padding.symmetric(1), true);
    }

    /**
     * One convolution on seeded inputs: an {@code n x h x w x cin} image, a {@code kh x kw x cin x cout} kernel
     * scaled so outputs stay near unit size, and optionally a bias; compared with {@link ReferenceOps}.
     */
    private void checkConv(long seed, int n, int h, int w, int kh, int kw, int cin, int cout, int strideH,
                           int strideW, Padding padding, boolean withBias) {
        Random random = new Random(seed);
        HostTensor x = gaussian(random, 1.0, n, h, w, cin);
        HostTensor kernel = gaussian(random, 1.0 / Math.sqrt(kh * kw * cin), kh, kw, cin, cout);
        HostTensor bias = withBias ? gaussian(random, 0.5, cout) : null;
        Conv2dOptions options = new Conv2dOptions(strideH, strideW, padding);
        String what = "conv2d input " + x.shape() + " kernel " + kernel.shape() + " strides (" + strideH + ", "
                + strideW + ") padding " + padding + (withBias ? " with bias" : " without bias");
        assertMatchesReference(backend().ops(), what, (ops, in) -> ops.conv2d(in[0], in[1], in[2], options),
                x, kernel, bias);
    }
}
