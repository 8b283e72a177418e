package org.resnet4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** A folded convolution computes what the convolution followed by the inference batch norm computes. */
class FoldedConvolutionTest {
    private final ReferenceOps ops = new ReferenceOps();

    private static HostTensor positive(Random r, int n) {
        HostTensor t = HostTensor.zeros(Shape.of(n));
        for (int i = 0; i < n; i++) {
            t.data()[i] = 0.1f + r.nextFloat() * 2;
        }
        return t;
    }

    private HostTensor conv(HostTensor x, HostTensor kernel, HostTensor bias) {
        return ops.download(ops.conv2d(ops.upload(x), ops.upload(kernel), bias == null ? null : ops.upload(bias),
                Conv2dOptions.of(1, Padding.symmetric(1))));
    }

    private void checkFoldEqualsConvThenBatchNorm(boolean withBias) {
        Random r = new Random(3);
        int co = 5;
        HostTensor x = HostTensor.gaussian(Shape.of(2, 6, 6, 3), 1);
        HostTensor k = HostTensor.gaussian(Shape.of(3, 3, 3, co), 2);
        HostTensor bias = withBias ? HostTensor.gaussian(Shape.of(co), 3) : null;
        HostTensor gamma = HostTensor.gaussian(Shape.of(co), 4);
        HostTensor beta = HostTensor.gaussian(Shape.of(co), 5);
        HostTensor mean = HostTensor.gaussian(Shape.of(co), 6);
        HostTensor variance = positive(r, co);
        double eps = 1.001e-5;

        float[] expected = conv(x, k, bias).data();
        for (int i = 0; i < expected.length; i++) {
            int c = i % co;
            expected[i] = (float) (gamma.data()[c] * (expected[i] - mean.data()[c])
                    / Math.sqrt(variance.data()[c] + eps) + beta.data()[c]);
        }
        FoldedConvolution f = FoldedConvolution.fold(k, bias, gamma, beta, mean, variance, eps);
        float[] folded = conv(x, f.kernel(), f.bias()).data();
        for (int i = 0; i < expected.length; i++) {
            assertThat(folded[i]).isCloseTo(expected[i], Offset.offset(2e-4f * (1 + Math.abs(expected[i]))));
        }
    }

    @Test
    void foldedConvolution_equalsConvolutionThenBatchNorm() {
        checkFoldEqualsConvThenBatchNorm(false);
    }

    @Test
    void foldedConvolutionWithBias_equalsConvolutionThenBatchNorm() {
        checkFoldEqualsConvThenBatchNorm(true);
    }

    @Test
    void fold_doesNotModifyItsInputs() {
        Random r = new Random(5);
        HostTensor k = HostTensor.gaussian(Shape.of(1, 1, 2, 2), 7);
        float[] before = k.data().clone();
        FoldedConvolution.fold(k, null, HostTensor.gaussian(Shape.of(2), 8), HostTensor.gaussian(Shape.of(2), 9),
                HostTensor.gaussian(Shape.of(2), 10), positive(r, 2), 1e-3);
        assertThat(k.data()).containsExactly(before);
    }

    @Test
    void fold_withVectorOfWrongLength_namesTheExpectedShape() {
        Random r = new Random(5);
        HostTensor k = HostTensor.gaussian(Shape.of(1, 1, 2, 3), 7);
        assertThatThrownBy(() -> FoldedConvolution.fold(k, null, HostTensor.gaussian(Shape.of(2), 1),
                HostTensor.gaussian(Shape.of(3), 2), HostTensor.gaussian(Shape.of(3), 3), positive(r, 3), 1e-3))
                .hasMessageContaining("shape [3]").hasMessageContaining("Received: shape=[2]");
    }

    @Test
    void fold_withKernelNotOfRank4_isRefused() {
        HostTensor v = HostTensor.gaussian(Shape.of(3), 1);
        assertThatThrownBy(() -> FoldedConvolution.fold(HostTensor.gaussian(Shape.of(3, 3), 1), null, v, v, v, v,
                1e-3)).hasMessageContaining("rank 4").hasMessageContaining("Received: shape=[3, 3]");
    }
}
