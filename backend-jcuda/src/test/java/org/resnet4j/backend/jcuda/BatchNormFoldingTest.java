package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

class BatchNormFoldingTest {

    private static HostTensor positive(Random r, int n) {
        HostTensor t = HostTensor.zeros(Shape.of(n));
        for (int i = 0; i < n; i++) {
            t.data()[i] = 0.1f + r.nextFloat() * 2;
        }
        return t;
    }

    private static void checkFoldEqualsConvThenBatchNorm(boolean withBias) {
        Random r = new Random(3);
        int co = 5;
        HostTensor x = DirectConv.random(r, 2, 6, 6, 3);
        HostTensor k = DirectConv.random(r, 3, 3, 3, co);
        HostTensor bias = withBias ? DirectConv.random(r, co) : null;
        HostTensor gamma = DirectConv.random(r, co);
        HostTensor beta = DirectConv.random(r, co);
        HostTensor mean = DirectConv.random(r, co);
        HostTensor variance = positive(r, co);
        float eps = 1.001e-5f;
        Padding.Explicit p = Padding.symmetric(1);

        HostTensor conv = DirectConv.conv(x, k, bias, 1, p);
        float[] expected = conv.data().clone();
        for (int i = 0; i < expected.length; i++) {
            int c = i % co;
            expected[i] = (float) (gamma.get(c) * (expected[i] - mean.get(c)) / Math.sqrt(variance.get(c) + eps)
                    + beta.get(c));
        }
        BatchNormFolding f = BatchNormFolding.fold(k, bias, gamma, beta, mean, variance, eps);
        HostTensor folded = DirectConv.conv(x, f.kernel(), f.bias(), 1, p);
        for (int i = 0; i < expected.length; i++) {
            assertThat(folded.data()[i]).isCloseTo(expected[i], Offset.offset(2e-4f * (1 + Math.abs(expected[i]))));
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
        HostTensor k = DirectConv.random(r, 1, 1, 2, 2);
        float[] before = k.data().clone();
        BatchNormFolding.fold(k, null, DirectConv.random(r, 2), DirectConv.random(r, 2), DirectConv.random(r, 2),
                positive(r, 2), 1e-3f);
        assertThat(k.data()).containsExactly(before);
    }

    @Test
    void fold_withVectorOfWrongLength_namesTheExpectedShape() {
        Random r = new Random(5);
        HostTensor k = DirectConv.random(r, 1, 1, 2, 3);
        assertThatThrownBy(() -> BatchNormFolding.fold(k, null, DirectConv.random(r, 2), DirectConv.random(r, 3),
                DirectConv.random(r, 3), positive(r, 3), 1e-3f)).hasMessageContaining("shape [3]")
                .hasMessageContaining("Received: shape=[2]");
    }
}
