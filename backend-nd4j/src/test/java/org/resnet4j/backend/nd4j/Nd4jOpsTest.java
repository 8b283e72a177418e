package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.BackendUnderTest;
import org.resnet4j.tck.OpCall;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** The ND4J ops against hand-computed values and the contract kit's plain-loop {@link ReferenceOps}. */
class Nd4jOpsTest implements BackendUnderTest {
    private static final float TOLERANCE = 1e-4f;
    private Ops ops;

    @Override
    public BackendProvider provider() {
        return new Nd4jBackendProvider();
    }

    @BeforeEach
    void useTheKitsBackend() {
        ops = backend().ops();
    }

    private HostTensor run(java.util.function.Function<Tensor, Tensor> op, HostTensor input) {
        try (Tensor in = ops.upload(input); Tensor out = op.apply(in)) {
            return ops.download(out);
        }
    }

    private static void assertClose(HostTensor actual, HostTensor expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.data()[i]).as("element %d", i).isCloseTo(expected.data()[i], within(TOLERANCE));
        }
    }

    /** The op on the contract kit's plain-loop oracle. */
    private static HostTensor reference(OpCall call, HostTensor... inputs) {
        return OpRunner.run(new ReferenceOps(), call, inputs);
    }

    private static HostTensor referenceConv(HostTensor x, HostTensor k, float[] bias, Conv2dOptions options) {
        HostTensor b = bias == null ? null : HostTensor.of(Shape.of(bias.length), bias);
        return reference((r, in) -> r.conv2d(in[0], in[1], in[2], options), x, k, b);
    }

    /** Deterministic values in [-1, 1), different for every element. */
    private static HostTensor random(long seed, int... dims) {
        return OpRunner.uniform(new Random(seed), -1, 1, dims);
    }

    private HostTensor convOnNd4j(HostTensor x, HostTensor k, float[] bias, Conv2dOptions options) {
        try (Tensor in = ops.upload(x); Tensor kernel = ops.upload(k);
             Tensor b = bias == null ? null : ops.upload(HostTensor.of(Shape.of(bias.length), bias));
             Tensor out = ops.conv2d(in, kernel, b, options)) {
            return ops.download(out);
        }
    }

    @Test
    void uploadThenDownload_returnsTheSameElements() {
        HostTensor x = random(1, 2, 3, 4, 5);
        HostTensor back = run(t -> ops.dropout(t, 0.5f), x);
        assertThat(back.data()).containsExactly(x.data());
        assertThat(back.shape()).isEqualTo(x.shape());
    }

    @Test
    void conv2d_1x1_matchesHandComputedProducts() {
        HostTensor x = HostTensor.of(Shape.of(1, 1, 2, 1), new float[] {1, 2});
        HostTensor k = HostTensor.of(Shape.of(1, 1, 1, 2), new float[] {3, 4});
        HostTensor y = convOnNd4j(x, k, new float[] {0.5f, -1}, Conv2dOptions.of(1, Padding.VALID));
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 2, 2));
        assertThat(y.data()).containsExactly(3.5f, 3f, 6.5f, 7f);
    }

    @Test
    void conv2d_kernelIsHwio_notOihw() {
        // 2x1 kernel, 1 in, 1 out: y = 10 * top + 1 * bottom on a 2x1 image [2; 3] gives 23 only for HWIO.
        HostTensor x = HostTensor.of(Shape.of(1, 2, 1, 1), new float[] {2, 3});
        HostTensor k = HostTensor.of(Shape.of(2, 1, 1, 1), new float[] {10, 1});
        assertThat(convOnNd4j(x, k, null, Conv2dOptions.of(1, Padding.VALID)).data()).containsExactly(23f);
    }

    @Test
    void conv2d_stride2_sameAsymmetricPadding_matchesLoops() {
        HostTensor x = random(2, 2, 6, 6, 3);
        HostTensor k = random(3, 3, 3, 3, 4);
        float[] bias = {0.1f, -0.2f, 0.3f, 0f};
        assertClose(convOnNd4j(x, k, bias, Conv2dOptions.of(2, Padding.SAME)),
                referenceConv(x, k, bias, Conv2dOptions.of(2, Padding.SAME)));
    }

    @Test
    void conv2d_stride2_symmetricPadding_matchesLoops() {
        HostTensor x = random(4, 1, 8, 8, 3);
        HostTensor k = random(5, 7, 7, 3, 5);
        Padding p = Padding.symmetric(3);
        assertClose(convOnNd4j(x, k, null, Conv2dOptions.of(2, p)), referenceConv(x, k, null, Conv2dOptions.of(2, p)));
    }

    @Test
    void conv2d_explicitUnequalPadding_andUnequalStrides_matchesLoops() {
        HostTensor x = random(6, 1, 5, 7, 2);
        HostTensor k = random(7, 3, 2, 2, 3);
        Padding p = Padding.explicit(0, 2, 1, 0);
        Conv2dOptions o = new Conv2dOptions(1, 2, p);
        assertClose(convOnNd4j(x, k, null, o), referenceConv(x, k, null, o));
    }

    @Test
    void maxPool_sameAsymmetricPadding_neverPicksAPaddedCell() {
        HostTensor x = random(8, 2, 6, 6, 3);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = -10 - Math.abs(x.data()[i]);
        }
        HostTensor y = run(t -> ops.maxPool(t, PoolOptions.of(3, 2, Padding.SAME)), x);
        assertClose(y, reference((r, in) -> r.maxPool(in[0], PoolOptions.of(3, 2, Padding.SAME)), x));
        for (float v : y.data()) {
            assertThat(v).isLessThan(-10f);
        }
    }

    @Test
    void maxPool_symmetricPadding_matchesLoops() {
        HostTensor x = random(9, 1, 7, 7, 2);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] -= 5;
        }
        Padding p = Padding.symmetric(1);
        PoolOptions o = PoolOptions.of(3, 2, p);
        assertClose(run(t -> ops.maxPool(t, o), x), reference((r, in) -> r.maxPool(in[0], o), x));
    }

    @Test
    void avgPool_sameAsymmetricPadding_dividesByRealCells() {
        HostTensor x = random(10, 2, 5, 6, 3);
        assertClose(run(t -> ops.avgPool(t, PoolOptions.of(2, 2, Padding.SAME)), x),
                reference((r, in) -> r.avgPool(in[0], PoolOptions.of(2, 2, Padding.SAME)), x));
    }

    @Test
    void avgPool_symmetricPadding_dividesByRealCells() {
        HostTensor ones = HostTensor.filled(Shape.of(1, 4, 4, 1), 1f);
        HostTensor y = run(t -> ops.avgPool(t, PoolOptions.of(3, 1, Padding.symmetric(1))), ones);
        // every window averages only ones, whatever its count of real cells
        assertThat(y.data()).containsOnly(1f);
        HostTensor x = random(11, 1, 6, 6, 2);
        assertClose(run(t -> ops.avgPool(t, PoolOptions.of(3, 2, Padding.symmetric(1))), x),
                reference((r, in) -> r.avgPool(in[0], PoolOptions.of(3, 2, Padding.symmetric(1))), x));
    }

    @Test
    void avgPool_valid_matchesHandComputedMeans() {
        HostTensor x = HostTensor.of(Shape.of(1, 2, 2, 1), new float[] {1, 2, 3, 6});
        assertThat(run(t -> ops.avgPool(t, PoolOptions.of(2, 2, Padding.VALID)), x).data()).containsExactly(3f);
    }

    @Test
    void batchNorm_matchesFormulaPerChannel() {
        HostTensor x = HostTensor.of(Shape.of(1, 1, 2, 2), new float[] {1, 2, 3, 4});
        try (Tensor in = ops.upload(x);
             Tensor g = ops.upload(HostTensor.of(Shape.of(2), new float[] {2, 1}));
             Tensor b = ops.upload(HostTensor.of(Shape.of(2), new float[] {1, 0}));
             Tensor m = ops.upload(HostTensor.of(Shape.of(2), new float[] {1, 2}));
             Tensor v = ops.upload(HostTensor.of(Shape.of(2), new float[] {4, 1}));
             Tensor out = ops.batchNorm(in, g, b, m, v, 0f)) {
            // channel 0: 2 * (x - 1) / 2 + 1 = x; channel 1: (x - 2) / 1
            assertThat(ops.download(out).data()).containsExactly(1f, 0f, 3f, 2f);
        }
    }

    @Test
    void batchNorm_epsilonIsAddedToVariance() {
        HostTensor x = HostTensor.of(Shape.of(1, 1, 1, 1), new float[] {3});
        try (Tensor in = ops.upload(x);
             Tensor one = ops.upload(HostTensor.of(Shape.of(1), new float[] {1}));
             Tensor zero = ops.upload(HostTensor.of(Shape.of(1), new float[] {0}));
             Tensor out = ops.batchNorm(in, one, zero, zero, one, 3f)) {
            assertThat(ops.download(out).data()[0]).isCloseTo(1.5f, within(1e-6f));
        }
    }

    @Test
    void reluAddAndGlobalAvgPool_matchHandComputedValues() {
        HostTensor x = HostTensor.of(Shape.of(1, 2, 1, 2), new float[] {-1, 2, 3, -4});
        assertThat(run(ops::relu, x).data()).containsExactly(0f, 2f, 3f, 0f);
        try (Tensor a = ops.upload(x); Tensor sum = ops.add(a, a); Tensor mean = ops.globalAvgPool(a)) {
            assertThat(ops.download(sum).data()).containsExactly(-2f, 4f, 6f, -8f);
            HostTensor m = ops.download(mean);
            assertThat(m.shape()).isEqualTo(Shape.of(1, 2));
            assertThat(m.data()).containsExactly(1f, -1f);
        }
    }

    @Test
    void zeroPad_placesInputAtTopLeftOffsets() {
        HostTensor x = HostTensor.of(Shape.of(1, 1, 1, 1), new float[] {7});
        HostTensor y = run(t -> ops.zeroPad(t, Padding.explicit(1, 0, 0, 2)), x);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2, 3, 1));
        assertThat(y.data()).containsExactly(0f, 0f, 0f, 7f, 0f, 0f);
    }

    @Test
    void reshape_keepsRowMajorOrder_andOutlivesItsInput() {
        HostTensor x = HostTensor.of(Shape.of(1, 2, 2, 1), new float[] {1, 2, 3, 4});
        Tensor in = ops.upload(x);
        Tensor flat = ops.reshape(in, Shape.of(1, 4));
        in.close();
        assertThat(ops.download(flat).data()).containsExactly(1f, 2f, 3f, 4f);
        flat.close();
    }

    @Test
    void denseAndSoftmax_matchHandComputedValues() {
        HostTensor x = HostTensor.of(Shape.of(1, 2), new float[] {1, 2});
        try (Tensor in = ops.upload(x);
             Tensor k = ops.upload(HostTensor.of(Shape.of(2, 2), new float[] {1, 0, 0, 1}));
             Tensor b = ops.upload(HostTensor.of(Shape.of(2), new float[] {0, 1}));
             Tensor y = ops.dense(in, k, b);
             Tensor s = ops.softmax(y)) {
            assertThat(ops.download(y).data()).containsExactly(1f, 3f);
            float e = (float) (1 / (1 + Math.exp(2)));
            assertThat(ops.download(s).data()).containsExactly(new float[] {e, 1 - e}, within(1e-6f));
        }
    }

    @Test
    void softmax_isStableForLargeLogits() {
        HostTensor x = HostTensor.of(Shape.of(1, 2), new float[] {1000, 1000});
        assertThat(run(ops::softmax, x).data()).containsExactly(0.5f, 0.5f);
    }

    @Test
    void conv2d_rejectsAKernelWithTheWrongInputChannels() {
        try (Tensor in = ops.upload(HostTensor.zeros(Shape.of(1, 3, 3, 2)));
             Tensor k = ops.upload(HostTensor.zeros(Shape.of(1, 1, 3, 4)))) {
            assertThatThrownBy(() -> ops.conv2d(in, k, null, Conv2dOptions.of(1, Padding.VALID)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("conv2d expects a kernel with 2 input channels (the input's last axis), received: "
                            + "kernel shape=[1, 1, 3, 4], input shape=[1, 3, 3, 2]");
        }
    }

    @Test
    void closedTensor_closesTwiceHarmlessly_andRefusesUse() {
        Tensor t = ops.upload(HostTensor.zeros(Shape.of(2, 2)));
        t.close();
        t.close();
        assertThatThrownBy(() -> ops.relu(t)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void ops_fromSeveralThreads_giveTheSingleThreadResult() throws Exception {
        HostTensor x = random(12, 2, 9, 9, 8);
        HostTensor k = random(13, 3, 3, 8, 8);
        HostTensor expected = convOnNd4j(x, k, null, Conv2dOptions.of(2, Padding.SAME));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HostTensor>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> convOnNd4j(x, k, null, Conv2dOptions.of(2, Padding.SAME))));
            }
            for (Future<HostTensor> r : results) {
                assertThat(r.get().data()).containsExactly(expected.data());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
