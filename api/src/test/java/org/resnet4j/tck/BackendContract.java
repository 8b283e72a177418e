package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.resnet4j.tck.OpRunner.assertMatchesReference;
import static org.resnet4j.tck.OpRunner.gaussian;
import static org.resnet4j.tck.OpRunner.uniform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The contract every backend passes: each primitive, on seeded random inputs, against {@link ReferenceOps}, with
 * the edge cases that break ports. A backend module implements it in one test class:
 *
 * <pre>{@code
 * class TfBackendContractTest implements BackendContract {
 *     private final Backend backend = BackendContract.createOrSkip(new TfBackendProvider());
 *     public Backend backend() { return backend; }
 *     public BackendProvider provider() { return new TfBackendProvider(); }
 * }
 * }</pre>
 *
 * Tolerances are those of {@link TensorComparison}. The class is one instance per test class, so the backend is
 * created once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface BackendContract extends ShapeErrorContract, CompiledModelContract {

    /** The backend under test. */
    Backend backend();

    /**
     * Asks for the backend before every test, so that an implementation which creates it lazily with
     * {@link #createOrSkip} reports each test as skipped, with the probe's reason, when it cannot run.
     */
    @BeforeEach
    default void skipWhenBackendUnavailable() {
        backend();
    }

    /**
     * Probes {@code provider}; when unavailable, skips every test with the probe's reason (a JUnit assumption),
     * otherwise creates the backend. Call it once, from a field initialiser or a {@code @BeforeAll}.
     */
    static Backend createOrSkip(BackendProvider provider) {
        Availability availability = provider.probe();
        assumeTrue(availability.available(),
                () -> "backend \"" + provider.name() + "\" unavailable: " + availability.reason());
        return provider.create();
    }

    // ---------------------------------------------------------------- conv2d

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

    // ---------------------------------------------------------------- batch norm, relu, add

    @Test
    default void batchNorm_epsilon1e3_nonTrivialStatistics_matchesReference() {
        checkBatchNorm(40, 1e-3f);
    }

    @Test
    default void batchNorm_epsilon1e5_nonTrivialStatistics_matchesReference() {
        checkBatchNorm(41, 1e-5f);
    }

    @Test
    default void relu_matchesReference() {
        HostTensor x = gaussian(new Random(42), 1.0, 2, 4, 5, 3);
        assertMatchesReference(backend().ops(), "relu on " + x.shape(), (ops, in) -> ops.relu(in[0]), x);
    }

    @Test
    default void add_matchesReference() {
        Random random = new Random(43);
        HostTensor a = gaussian(random, 1.0, 2, 4, 5, 3);
        HostTensor b = gaussian(random, 1.0, 2, 4, 5, 3);
        assertMatchesReference(backend().ops(), "add on " + a.shape(), (ops, in) -> ops.add(in[0], in[1]), a, b);
    }

    // ---------------------------------------------------------------- pooling

    @Test
    default void maxPool_valid_stride2_oddAndEvenSizes_matchesReference() {
        checkPool(50, true, 2, 7, 7, 3, PoolOptions.of(2, 2, Padding.VALID));
        checkPool(51, true, 2, 8, 8, 3, PoolOptions.of(3, 2, Padding.VALID));
    }

    @Test
    default void maxPool_paddingIsNegativeInfinity_onNegativeInputs() {
        // With every input negative, a backend that pads with zero returns 0 at the borders.
        checkNegativePool(52, PoolOptions.of(3, 2, Padding.symmetric(1)), 7);
        checkNegativePool(53, PoolOptions.of(3, 2, Padding.SAME), 8);
        checkNegativePool(54, new PoolOptions(3, 2, 1, 2, Padding.explicit(1, 0, 0, 1)), 6);
    }

    @Test
    default void avgPool_valid_matchesReference() {
        checkPool(55, false, 2, 8, 6, 5, PoolOptions.of(2, 2, Padding.VALID));
    }

    @Test
    default void avgPool_same_divisorCountsOnlyRealCells() {
        checkPool(56, false, 1, 7, 7, 3, PoolOptions.of(3, 2, Padding.SAME));
        checkPool(57, false, 2, 6, 5, 3, PoolOptions.of(3, 1, Padding.SAME));
    }

    @Test
    default void avgPool_explicitPadding_divisorCountsOnlyRealCells() {
        checkPool(58, false, 1, 7, 6, 3, PoolOptions.of(3, 2, Padding.symmetric(1)));
        checkPool(59, false, 1, 6, 6, 3, new PoolOptions(3, 3, 2, 1, Padding.explicit(2, 0, 1, 0)));
    }

    @Test
    default void globalAvgPool_matchesReference() {
        HostTensor x = gaussian(new Random(60), 1.0, 3, 5, 7, 13);
        assertMatchesReference(backend().ops(), "globalAvgPool on " + x.shape(),
                (ops, in) -> ops.globalAvgPool(in[0]), x);
    }

    // ---------------------------------------------------------------- shape ops

    @Test
    default void zeroPad_asymmetric_matchesReference() {
        HostTensor x = gaussian(new Random(61), 1.0, 2, 4, 5, 3);
        Padding.Explicit pad = Padding.explicit(1, 2, 0, 3);
        assertMatchesReference(backend().ops(), "zeroPad " + pad + " on " + x.shape(),
                (ops, in) -> ops.zeroPad(in[0], pad), x);
    }

    @Test
    default void reshape_flatten_keepsRowMajorOrder() {
        HostTensor x = gaussian(new Random(62), 1.0, 2, 3, 4, 5);
        assertMatchesReference(backend().ops(), "reshape " + x.shape() + " -> [2, 60]",
                (ops, in) -> ops.reshape(in[0], Shape.of(2, 60)), x);
        HostTensor flat = OpRunner.run(backend().ops(), (ops, in) -> ops.reshape(in[0], Shape.of(2, 60)), x);
        assertThat(flat.data()).as("flatten keeps NHWC row-major order").containsExactly(x.data());
    }

    // ---------------------------------------------------------------- dense, softmax, dropout

    @Test
    default void dense_withBias_matchesReference() {
        Random random = new Random(63);
        HostTensor x = gaussian(random, 1.0, 3, 13);
        HostTensor kernel = gaussian(random, 0.3, 13, 7);
        HostTensor bias = gaussian(random, 0.5, 7);
        assertMatchesReference(backend().ops(), "dense [3, 13] x [13, 7] + bias",
                (ops, in) -> ops.dense(in[0], in[1], in[2]), x, kernel, bias);
    }

    @Test
    default void dense_withoutBias_matchesReference() {
        Random random = new Random(64);
        HostTensor x = gaussian(random, 1.0, 1, 20);
        HostTensor kernel = gaussian(random, 0.3, 20, 10);
        assertMatchesReference(backend().ops(), "dense [1, 20] x [20, 10] without bias",
                (ops, in) -> ops.dense(in[0], in[1], null), x, kernel);
    }

    @Test
    default void softmax_matchesReference() {
        HostTensor x = gaussian(new Random(65), 2.0, 3, 10);
        assertMatchesReference(backend().ops(), "softmax on " + x.shape(), (ops, in) -> ops.softmax(in[0]), x);
    }

    @Test
    default void softmax_largeLogits_isNumericallyStable() {
        HostTensor x = HostTensor.of(Shape.of(2, 3), new float[] {1000f, 1001f, 999f, -1000f, -1001f, -999f});
        HostTensor actual = OpRunner.run(backend().ops(), (ops, in) -> ops.softmax(in[0]), x);
        assertThat(actual.data()).as("softmax of large logits must be finite").doesNotContain(Float.NaN);
        assertMatchesReference(backend().ops(), "softmax on logits near +-1000", (ops, in) -> ops.softmax(in[0]), x);
    }

    @Test
    default void dropout_isIdentityAtInference() {
        HostTensor x = gaussian(new Random(66), 1.0, 2, 3, 3, 4);
        HostTensor actual = OpRunner.run(backend().ops(), (ops, in) -> ops.dropout(in[0], 0.5f), x);
        assertThat(actual.shape()).isEqualTo(x.shape());
        assertThat(actual.data()).as("dropout at inference").containsExactly(x.data());
    }

    // ---------------------------------------------------------------- compositions

    @Test
    default void stem_convBnReluMaxPool_batch2_matchesReference() {
        Random random = new Random(70);
        HostTensor x = gaussian(random, 1.0, 2, 17, 16, 3);
        HostTensor kernel = gaussian(random, 0.2, 7, 7, 3, 5);
        HostTensor gamma = uniform(random, 0.5, 1.5, 5);
        HostTensor beta = gaussian(random, 0.3, 5);
        HostTensor mean = gaussian(random, 0.5, 5);
        HostTensor variance = uniform(random, 0.5, 2.0, 5);
        assertMatchesReference(backend().ops(), "stem conv7x7/2 SAME -> BN -> ReLU -> maxpool 3x3/2 SAME",
                (ops, in) -> stem(ops, in, Padding.SAME, Padding.SAME, 1e-3f), x, kernel, gamma, beta, mean, variance);
    }

    @Test
    default void stem_matchesTorchvisionGolden() {
        TorchvisionFixtures.Case stem = TorchvisionFixtures.load("stem");
        HostTensor actual = OpRunner.run(backend().ops(),
                (ops, in) -> stem(ops, in, Padding.symmetric(3), Padding.symmetric(1), 1e-5f),
                stem.input(), stem.convKernel("0.weight"), stem.weight("1.weight"), stem.weight("1.bias"),
                stem.weight("1.running_mean"), stem.weight("1.running_var"));
        TensorComparison.assertClose("stem (torchvision golden)", actual, stem.output(), 1e-5);
    }

    // ---------------------------------------------------------------- handles and threads

    @Test
    default void results_areFreshHandles_closingAResultKeepsInputsUsable() {
        Ops ops = backend().ops();
        HostTensor x = gaussian(new Random(80), 1.0, 1, 4, 4, 3);
        try (Tensor input = ops.upload(x)) {
            ops.relu(input).close();
            ops.reshape(input, Shape.of(1, 48)).close();
            ops.dropout(input, 0.2f).close();
            Tensor sum = ops.add(input, input);
            sum.close();
            sum.close(); // closing twice is harmless
            assertThat(ops.download(input).data()).as("input after closing results derived from it")
                    .containsExactly(x.data());
            try (Tensor again = ops.relu(input)) {
                assertThat(again.shape()).isEqualTo(x.shape());
            }
        }
    }

    @Test
    default void ops_calledConcurrentlyFromSeveralThreads_giveTheSameResults() throws Exception {
        Random random = new Random(81);
        HostTensor x = gaussian(random, 1.0, 2, 9, 9, 5);
        HostTensor kernel = gaussian(random, 0.3, 3, 3, 5, 6);
        OpCall call = (ops, in) -> {
            try (Tensor conv = ops.conv2d(in[0], in[1], null, Conv2dOptions.of(2, Padding.SAME));
                 Tensor relu = ops.relu(conv)) {
                return ops.maxPool(relu, PoolOptions.of(2, 1, Padding.VALID));
            }
        };
        HostTensor expected = OpRunner.run(new ReferenceOps(), call, x, kernel);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HostTensor>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> OpRunner.run(backend().ops(), call, x, kernel)));
            }
            for (Future<HostTensor> f : futures) {
                TensorComparison.assertClose("conv -> relu -> maxPool from 4 threads", f.get(), expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** conv (no bias) -> batch norm -> relu -> max pool 3x3/2: the ResNet stem. Inputs: x, kernel, gamma, beta,
     * mean, variance. */
    private static Tensor stem(Ops ops, Tensor[] in, Padding convPadding, Padding poolPadding, float epsilon) {
        try (Tensor conv = ops.conv2d(in[0], in[1], null, Conv2dOptions.of(2, convPadding));
             Tensor bn = ops.batchNorm(conv, in[2], in[3], in[4], in[5], epsilon);
             Tensor relu = ops.relu(bn)) {
            return ops.maxPool(relu, PoolOptions.of(3, 2, poolPadding));
        }
    }

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

    private void checkBatchNorm(long seed, float epsilon) {
        Random random = new Random(seed);
        HostTensor x = gaussian(random, 2.0, 2, 4, 5, 13);
        HostTensor gamma = uniform(random, 0.5, 1.5, 13);
        HostTensor beta = gaussian(random, 0.5, 13);
        HostTensor mean = gaussian(random, 1.0, 13);
        // Small variances make epsilon matter, so a backend that ignores or hard-codes it fails.
        HostTensor variance = uniform(random, 1e-4, 2e-3, 13);
        assertMatchesReference(backend().ops(), "batchNorm epsilon " + epsilon + " on " + x.shape(),
                (ops, in) -> ops.batchNorm(in[0], in[1], in[2], in[3], in[4], epsilon), x, gamma, beta, mean, variance);
    }

    private void checkPool(long seed, boolean max, int n, int h, int w, int c, PoolOptions options) {
        HostTensor x = gaussian(new Random(seed), 1.0, n, h, w, c);
        String what = (max ? "maxPool " : "avgPool ") + options + " on " + x.shape();
        assertMatchesReference(backend().ops(), what,
                (ops, in) -> max ? ops.maxPool(in[0], options) : ops.avgPool(in[0], options), x);
    }

    private void checkNegativePool(long seed, PoolOptions options, int size) {
        HostTensor x = uniform(new Random(seed), -3.0, -0.5, 2, size, size, 3);
        assertMatchesReference(backend().ops(), "maxPool " + options + " on all-negative " + x.shape(),
                (ops, in) -> ops.maxPool(in[0], options), x);
    }
}
