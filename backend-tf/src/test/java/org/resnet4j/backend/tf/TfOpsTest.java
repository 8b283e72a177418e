package org.resnet4j.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
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

/** The eager TensorFlow ops against hand-computed values and the contract kit's plain-loop {@link ReferenceOps}. */
class TfOpsTest implements BackendUnderTest {
    private TfOps ops;

    @Override
    public BackendProvider provider() {
        return new TfBackendProvider();
    }

    @BeforeEach
    void useTheKitsBackend() {
        ops = ((TfBackend) backend()).ops();
    }

    private HostTensor run(java.util.function.Function<Tensor, Tensor> op, HostTensor in) {
        try (Tensor x = ops.upload(in); Tensor y = op.apply(x)) {
            return ops.download(y);
        }
    }

    /** The op on the contract kit's plain-loop oracle. */
    private static HostTensor reference(OpCall call, HostTensor... inputs) {
        return OpRunner.run(new ReferenceOps(), call, inputs);
    }

    /** Deterministic values in [-1, 1), different for every element. */
    private static HostTensor random(long seed, int... dims) {
        return OpRunner.uniform(new Random(seed), -1, 1, dims);
    }

    private static void assertClose(HostTensor actual, HostTensor expected, float tolerance) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.data()[i]).as("element %d", i).isCloseTo(expected.data()[i], within(tolerance));
        }
    }

    @Test
    void uploadThenDownload_returnsTheSameValuesAndShape() {
        HostTensor in = random(1, 2, 3, 4);
        HostTensor out = run(x -> x, in);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(out.data()).containsExactly(in.data());
    }

    @Test
    void conv2d_valid_matchesLoops() {
        checkConv(Padding.VALID, 1, 5, 6);
    }

    @Test
    void conv2d_same_stride2_evenInput_matchesLoops() {
        checkConv(Padding.SAME, 2, 8, 8);
    }

    @Test
    void conv2d_stride2_symmetricPadding_matchesLoops() {
        checkConv(Padding.symmetric(1), 2, 8, 7);
    }

    @Test
    void conv2d_asymmetricExplicitPadding_matchesLoops() {
        checkConv(Padding.explicit(0, 2, 1, 0), 1, 5, 5);
    }

    private void checkConv(Padding padding, int stride, int h, int w) {
        HostTensor x = random(2, 2, h, w, 3);
        HostTensor k = random(3, 3, 3, 3, 4);
        HostTensor b = HostTensor.of(Shape.of(4), new float[] {0.5f, -1f, 2f, 0f});
        HostTensor expected = OpRunner.run(new ReferenceOps(),
                (reference, in) -> reference.conv2d(in[0], in[1], in[2], Conv2dOptions.of(stride, padding)), x, k, b);
        try (Tensor tx = ops.upload(x); Tensor tk = ops.upload(k); Tensor tb = ops.upload(b);
                Tensor y = ops.conv2d(tx, tk, tb, Conv2dOptions.of(stride, padding))) {
            assertThat(y.shape()).isEqualTo(expected.shape());
            assertClose(ops.download(y), expected, 1e-4f);
        }
    }

    @Test
    void maxPool_explicitPadding_neverPicksAPaddedCell() {
        HostTensor x = HostTensor.filled(Shape.of(1, 4, 4, 1), -3f);
        x.set(-1f, 0, 3, 3, 0);
        PoolOptions o = PoolOptions.of(3, 2, Padding.symmetric(1));
        HostTensor out = run(t -> ops.maxPool(t, o), x);
        // Every window holds real cells of -3 (or -1); a zero from padding would win if padding were zeros.
        assertThat(out.shape()).isEqualTo(Shape.of(1, 2, 2, 1));
        assertThat(out.data()).containsExactly(-3f, -3f, -3f, -1f);
    }

    @Test
    void maxPool_sameAndExplicit_matchLoops() {
        HostTensor x = random(4, 2, 7, 6, 3);
        for (Padding padding : new Padding[] {Padding.VALID, Padding.SAME, Padding.symmetric(1)}) {
            PoolOptions o = PoolOptions.of(3, 2, padding);
            assertClose(run(t -> ops.maxPool(t, o), x), reference((r, in) -> r.maxPool(in[0], o), x), 0f);
        }
    }

    @Test
    void avgPool_explicitPadding_dividesByTheCountOfRealCells() {
        HostTensor x = HostTensor.filled(Shape.of(1, 3, 3, 1), 2f);
        PoolOptions o = PoolOptions.of(2, 2, Padding.explicit(1, 0, 1, 0));
        HostTensor out = run(t -> ops.avgPool(t, o), x);
        // Corner window covers 1 real cell, edges 2, the centre 4: all average to 2, never to a diluted value.
        assertThat(out.shape()).isEqualTo(Shape.of(1, 2, 2, 1));
        assertClose(out, HostTensor.filled(Shape.of(1, 2, 2, 1), 2f), 1e-6f);
    }

    @Test
    void avgPool_sameAndExplicit_matchLoops() {
        HostTensor x = random(5, 2, 7, 6, 3);
        for (Padding padding : new Padding[] {Padding.VALID, Padding.SAME, Padding.explicit(1, 2, 0, 1)}) {
            PoolOptions o = PoolOptions.of(3, 2, padding);
            assertClose(run(t -> ops.avgPool(t, o), x), reference((r, in) -> r.avgPool(in[0], o), x), 1e-5f);
        }
    }

    @Test
    void batchNorm_rank4_andRank2_followTheFormula() {
        HostTensor g = HostTensor.of(Shape.of(2), new float[] {2f, 0.5f});
        HostTensor b = HostTensor.of(Shape.of(2), new float[] {1f, -1f});
        HostTensor m = HostTensor.of(Shape.of(2), new float[] {0.5f, 3f});
        HostTensor v = HostTensor.of(Shape.of(2), new float[] {4f, 0.25f});
        float eps = 1e-3f;
        for (Shape s : new Shape[] {Shape.of(1, 1, 2, 2), Shape.of(2, 2)}) {
            HostTensor x = HostTensor.of(s, new float[] {1f, 2f, 3f, 4f});
            float[] expected = new float[4];
            for (int i = 0; i < 4; i++) {
                int c = i % 2;
                expected[i] = (float) (g.data()[c] * (x.data()[i] - m.data()[c]) / Math.sqrt(v.data()[c] + eps)
                        + b.data()[c]);
            }
            try (Tensor tx = ops.upload(x); Tensor tg = ops.upload(g); Tensor tb = ops.upload(b);
                    Tensor tm = ops.upload(m); Tensor tv = ops.upload(v);
                    Tensor y = ops.batchNorm(tx, tg, tb, tm, tv, eps)) {
                assertClose(ops.download(y), HostTensor.of(s, expected), 1e-5f);
            }
        }
    }

    @Test
    void relu_add_dropout_areElementwise() {
        HostTensor x = HostTensor.of(Shape.of(4), new float[] {-2f, -1f, 0.5f, 3f});
        assertThat(run(ops::relu, x).data()).containsExactly(0f, 0f, 0.5f, 3f);
        assertThat(run(t -> ops.dropout(t, 0.5f), x).data()).containsExactly(x.data());
        try (Tensor a = ops.upload(x); Tensor s = ops.add(a, a)) {
            assertThat(ops.download(s).data()).containsExactly(-4f, -2f, 1f, 6f);
        }
    }

    @Test
    void add_ofDifferentShapes_isRejectedWithBothShapes() {
        try (Tensor a = ops.upload(HostTensor.zeros(Shape.of(2, 3))); Tensor b = ops.upload(HostTensor.zeros(Shape.of(3)))) {
            assertThatThrownBy(() -> ops.add(a, b)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("add expects two tensors of the same shape (no broadcasting), received: "
                            + "a shape=[2, 3], b shape=[3]");
        }
    }

    @Test
    void globalAvgPool_zeroPad_reshape_haveTheirShapesAndValues() {
        HostTensor x = HostTensor.of(Shape.of(1, 2, 2, 2), new float[] {1, 10, 2, 20, 3, 30, 4, 40});
        HostTensor mean = run(ops::globalAvgPool, x);
        assertThat(mean.shape()).isEqualTo(Shape.of(1, 2));
        assertThat(mean.data()).containsExactly(2.5f, 25f);
        HostTensor padded = run(t -> ops.zeroPad(t, Padding.explicit(1, 0, 0, 2)), x);
        assertThat(padded.shape()).isEqualTo(Shape.of(1, 3, 4, 2));
        assertThat(padded.get(0, 1, 0, 1)).isEqualTo(10f);
        assertThat(padded.get(0, 0, 0, 0)).isZero();
        HostTensor flat = run(t -> ops.reshape(t, Shape.of(1, 8)), x);
        assertThat(flat.data()).containsExactly(x.data());
    }

    @Test
    void dense_andSoftmax_matchHandComputedValues() {
        HostTensor x = HostTensor.of(Shape.of(1, 2), new float[] {1f, 2f});
        HostTensor k = HostTensor.of(Shape.of(2, 3), new float[] {1, 0, -1, 0, 1, 1});
        HostTensor b = HostTensor.of(Shape.of(3), new float[] {0f, 0f, 1f});
        try (Tensor tx = ops.upload(x); Tensor tk = ops.upload(k); Tensor tb = ops.upload(b);
                Tensor y = ops.dense(tx, tk, tb); Tensor p = ops.softmax(y)) {
            assertThat(ops.download(y).data()).containsExactly(1f, 2f, 2f);
            double z = Math.exp(1) + 2 * Math.exp(2);
            assertClose(ops.download(p), HostTensor.of(Shape.of(1, 3),
                    new float[] {(float) (Math.exp(1) / z), (float) (Math.exp(2) / z), (float) (Math.exp(2) / z)}),
                    1e-6f);
        }
    }
}
