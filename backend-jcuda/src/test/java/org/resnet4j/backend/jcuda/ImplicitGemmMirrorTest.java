package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.Padding;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** Runs the index math of gemm.cu's ConvA loader in Java and checks it against the contract kit's plain-loop convolution ({@code ReferenceOps}). */
class ImplicitGemmMirrorTest {

    /** Java copy of ConvA::at: row = (n, oh, ow), column = (kh, kw, ci); padding cells read as zero. */
    private static float at(HostTensor x, Shape out, int kernelWidth, int stride, Padding.Explicit p, int row, int col) {
        int height = x.shape().dim(1), width = x.shape().dim(2), channels = x.shape().dim(3);
        int ow = row % out.dim(2);
        int rest = row / out.dim(2);
        int oh = rest % out.dim(1);
        int n = rest / out.dim(1);
        int ci = col % channels;
        int kk = col / channels;
        int kw = kk % kernelWidth;
        int kh = kk / kernelWidth;
        int ih = oh * stride - p.top() + kh;
        int iw = ow * stride - p.left() + kw;
        if (ih < 0 || ih >= height || iw < 0 || iw >= width) {
            return 0f;
        }
        return x.data()[((n * height + ih) * width + iw) * channels + ci];
    }

    private static void check(int n, int h, int w, int c, int kh, int kw, int co, int stride, Padding padding) {
        Random random = new Random(h * 31 + kh);
        HostTensor x = OpRunner.gaussian(random, 1.0, n, h, w, c);
        HostTensor k = OpRunner.gaussian(random, 1.0, kh, kw, c, co);
        Conv2dOptions o = Conv2dOptions.of(stride, padding);
        Shape out = ConvolutionShapes.conv2d(x.shape(), k.shape(), null, o);
        Padding.Explicit p = ConvolutionShapes.padding(x.shape(), k.shape(), o);
        HostTensor expected = OpRunner.run(new ReferenceOps(), (ops, t) -> ops.conv2d(t[0], t[1], null, o), x, k);
        assertThat(out).isEqualTo(expected.shape());
        int m = out.dim(0) * out.dim(1) * out.dim(2);
        int kDim = kh * kw * c;
        float[] y = new float[m * co];
        for (int row = 0; row < m; row++) {
            for (int col = 0; col < co; col++) {
                double s = 0;
                for (int kk = 0; kk < kDim; kk++) {
                    s += at(x, out, kw, stride, p, row, kk) * k.data()[kk * co + col];
                }
                y[row * co + col] = (float) s;
            }
        }
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).isCloseTo(expected.data()[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void conv3x3_stride1_same_matchesReferenceConvolution() {
        check(2, 5, 6, 3, 3, 3, 4, 1, Padding.SAME);
    }

    @Test
    void conv7x7_stride2_symmetricPadding_matchesReferenceConvolution() {
        check(1, 12, 11, 3, 7, 7, 5, 2, Padding.symmetric(3));
    }

    @Test
    void conv3x3_stride2_sameOnEvenSize_putsTheExtraRowBottomRight() {
        check(1, 8, 8, 2, 3, 3, 3, 2, Padding.SAME);
    }

    @Test
    void conv1x1_stride2_valid_matchesReferenceConvolution() {
        check(2, 7, 7, 4, 1, 1, 6, 2, Padding.VALID);
    }

    @Test
    void conv2x3_asymmetricExplicitPadding_matchesReferenceConvolution() {
        check(1, 6, 5, 2, 2, 3, 2, 1, Padding.explicit(1, 0, 2, 1));
    }
}
