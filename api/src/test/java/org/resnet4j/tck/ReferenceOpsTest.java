package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** The oracle against values derived by hand and against torchvision's stem. */
class ReferenceOpsTest {
    private final ReferenceOps ops = new ReferenceOps();

    /** 1..n as a [1, h, w, 1] image. */
    private static HostTensor counting(int h, int w) {
        float[] data = new float[h * w];
        for (int i = 0; i < data.length; i++) {
            data[i] = i + 1;
        }
        return HostTensor.of(Shape.of(1, h, w, 1), data);
    }

    private static HostTensor ones(int... dims) {
        return HostTensor.filled(Shape.of(dims), 1f);
    }

    private static float[] values(Object tensor) {
        return ((HostTensor) tensor).data();
    }

    @Test
    void conv2d_diagonalDifferenceKernel_valid_givesMinusFourPlusBias() {
        // kernel [[1, 0], [0, -1]]: out = x[i][j] - x[i+1][j+1] = -4 on the 3x3 counting image; bias 1 -> -3.
        HostTensor kernel = HostTensor.of(Shape.of(2, 2, 1, 1), new float[] {1, 0, 0, -1});
        HostTensor bias = HostTensor.of(Shape.of(1), new float[] {1});
        Object out = ops.conv2d(counting(3, 3), kernel, bias, Conv2dOptions.of(1, Padding.VALID));
        assertThat(((HostTensor) out).shape()).isEqualTo(Shape.of(1, 2, 2, 1));
        assertThat(values(out)).containsExactly(-3, -3, -3, -3);
    }

    @Test
    void conv2d_onesKernel_same_sumsEachNeighbourhood() {
        Object out = ops.conv2d(counting(3, 3), ones(3, 3, 1, 1), null, Conv2dOptions.of(1, Padding.SAME));
        assertThat(values(out)).containsExactly(12, 21, 16, 27, 45, 33, 24, 39, 28);
    }

    @Test
    void conv2d_onesKernel_sameStride2_evenInput_padsBottomRight() {
        // 4x4 counting image, 3x3 ones, stride 2: SAME pads 0 top/left and 1 bottom/right, windows start at 0 and 2.
        Object out = ops.conv2d(counting(4, 4), ones(3, 3, 1, 1), null, Conv2dOptions.of(2, Padding.SAME));
        assertThat(values(out)).containsExactly(54, 45, 72, 54);
    }

    @Test
    void conv2d_mixesChannels_withHwioLayout() {
        // One pixel with channels (2, 3); kernel [1, 1, 2, 2] = [[1, 10], [100, 1000]] -> (2 + 300, 20 + 3000).
        HostTensor x = HostTensor.of(Shape.of(1, 1, 1, 2), new float[] {2, 3});
        HostTensor kernel = HostTensor.of(Shape.of(1, 1, 2, 2), new float[] {1, 10, 100, 1000});
        assertThat(values(ops.conv2d(x, kernel, null, Conv2dOptions.of(1, Padding.VALID))))
                .containsExactly(302, 3020);
    }

    @Test
    void maxPool_padding_neverWinsOverNegativeValues() {
        HostTensor x = HostTensor.of(Shape.of(1, 2, 2, 1), new float[] {-1, -2, -3, -4});
        assertThat(values(ops.maxPool(x, PoolOptions.of(3, 1, Padding.SAME)))).containsExactly(-1, -1, -1, -1);
    }

    @Test
    void avgPool_same_dividesByRealCellsOnly() {
        Object out = ops.avgPool(counting(3, 3), PoolOptions.of(3, 1, Padding.SAME));
        assertThat(values(out)).containsExactly(3f, 3.5f, 4f, 4.5f, 5f, 5.5f, 6f, 6.5f, 7f);
    }

    @Test
    void batchNorm_appliesGammaBetaMeanVarianceAndEpsilon() {
        // (3 - 1) / sqrt(3 + 1) = 1; 2 * 1 + 0.5 = 2.5.
        HostTensor one = HostTensor.of(Shape.of(1), new float[] {1});
        Object out = ops.batchNorm(HostTensor.of(Shape.of(1, 1, 1, 1), new float[] {3}),
                HostTensor.of(Shape.of(1), new float[] {2}), HostTensor.of(Shape.of(1), new float[] {0.5f}),
                one, HostTensor.of(Shape.of(1), new float[] {3}), 1f);
        assertThat(values(out)).containsExactly(2.5f);
    }

    @Test
    void softmax_largeLogits_givesExactRatios() {
        // exp(ln 3) / (1 + 3) = 0.75, whatever constant is added to both logits.
        float ln3 = (float) Math.log(3);
        HostTensor x = HostTensor.of(Shape.of(2, 2), new float[] {0, ln3, 1000, 1000 + ln3});
        float[] out = values(ops.softmax(x));
        assertThat(out[0]).isCloseTo(0.25f, within(1e-6f));
        assertThat(out[1]).isCloseTo(0.75f, within(1e-6f));
        assertThat(out[2]).isCloseTo(0.25f, within(1e-4f));
        assertThat(out[3]).isCloseTo(0.75f, within(1e-4f));
    }

    @Test
    void dense_multipliesRowByKernelAndAddsBias() {
        HostTensor x = HostTensor.of(Shape.of(1, 2), new float[] {1, 2});
        HostTensor kernel = HostTensor.of(Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 6});
        HostTensor bias = HostTensor.of(Shape.of(3), new float[] {0.5f, 0, 0});
        assertThat(values(ops.dense(x, kernel, bias))).containsExactly(9.5f, 12f, 15f);
    }

    @Test
    void globalAvgPool_andZeroPad_onSmallCases() {
        assertThat(values(ops.globalAvgPool(counting(2, 2)))).containsExactly(2.5f);
        HostTensor five = HostTensor.of(Shape.of(1, 1, 1, 1), new float[] {5});
        HostTensor padded = (HostTensor) ops.zeroPad(five, Padding.explicit(1, 0, 0, 2));
        assertThat(padded.shape()).isEqualTo(Shape.of(1, 2, 3, 1));
        assertThat(padded.data()).containsExactly(0, 0, 0, 5, 0, 0);
    }

    @Test
    void conv2d_wrongKernelChannels_statesExpectedAndReceivedShapes() {
        assertThatThrownBy(() -> ops.conv2d(counting(3, 3), ones(3, 3, 2, 1), null, Conv2dOptions.of(1,
                Padding.VALID)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2d").hasMessageContaining("[1, 3, 3, 1]").hasMessageContaining("[3, 3, 2, 1]");
    }

    @Test
    void stem_matchesTorchvisionGolden() {
        TorchvisionFixtures.Case stem = TorchvisionFixtures.load("stem");
        HostTensor conv = (HostTensor) ops.conv2d(stem.input(), stem.convKernel("0.weight"), null,
                Conv2dOptions.of(2, Padding.symmetric(3)));
        HostTensor bn = (HostTensor) ops.batchNorm(conv, stem.weight("1.weight"), stem.weight("1.bias"),
                stem.weight("1.running_mean"), stem.weight("1.running_var"), 1e-5f);
        HostTensor out = (HostTensor) ops.maxPool(ops.relu(bn), PoolOptions.of(3, 2, Padding.symmetric(1)));

        assertThat(stem.weights().isInteger("1.num_batches_tracked")).isTrue();
        assertThat(TensorComparison.relativeL2Error(out, stem.output())).isLessThan(1e-5);
        TensorComparison.assertClose("ReferenceOps stem", out, stem.output(), 1e-5);
    }

    @Test
    void oihwToHwio_movesEachElement() {
        HostTensor oihw = HostTensor.zeros(Shape.of(2, 3, 1, 2));
        oihw.set(7f, 1, 2, 0, 1);
        HostTensor hwio = TorchvisionFixtures.oihwToHwio(oihw);
        assertThat(hwio.shape()).isEqualTo(Shape.of(1, 2, 3, 2));
        assertThat(hwio.get(0, 1, 2, 1)).isEqualTo(7f);
    }
}
