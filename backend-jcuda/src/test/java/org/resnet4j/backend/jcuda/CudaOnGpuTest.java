package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Initializer;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.LayerWeights;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ParameterSpec;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The kernels on a real GPU against plain-Java loops written here, and compile() against the eager ops.
 * Skips with the probe's reason where no GPU is usable (this machine, CI).
 */
class CudaOnGpuTest {
    private static CudaBackend backend;
    private final Random random = new Random(1234);

    private static Availability availability;

    @BeforeAll
    static void start() {
        availability = new CudaBackendProvider().probe();
        if (availability.available()) {
            backend = (CudaBackend) new CudaBackendProvider().create();
        }
    }

    @BeforeEach
    void requireGpu() {
        assumeTrue(availability.available(), "jcuda backend unavailable: " + availability.reason());
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    private Ops ops() {
        return backend.ops();
    }

    private HostTensor run(java.util.function.Function<Ops, Tensor> f) {
        try (Tensor t = f.apply(ops())) {
            return ops().download(t);
        }
    }

    private static void assertClose(HostTensor actual, HostTensor expected, double tolerance) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < actual.size(); i++) {
            double e = expected.data()[i];
            assertThat((double) actual.data()[i]).as("element %d", i).isCloseTo(e,
                    org.assertj.core.data.Offset.offset(tolerance * (1 + Math.abs(e))));
        }
    }

    private void checkConv(int n, int h, int w, int c, int k, int co, int stride, Padding padding, boolean bias) {
        HostTensor x = DirectConv.random(random, n, h, w, c);
        HostTensor kernel = DirectConv.random(random, k, k, c, co);
        HostTensor b = bias ? DirectConv.random(random, co) : null;
        Conv2dOptions o = Conv2dOptions.of(stride, padding);
        HostTensor expected = DirectConv.conv(x, kernel, b, stride,
                CudaShapes.convPadding(x.shape(), kernel.shape(), o));
        try (Tensor dx = ops().upload(x); Tensor dk = ops().upload(kernel);
                Tensor db = b == null ? null : ops().upload(b)) {
            assertClose(run(ops -> ops.conv2d(dx, dk, db, o)), expected, 1e-4);
        }
    }

    @Test
    void conv2d_3x3_same_withBias_matchesDirectConvolution() {
        checkConv(2, 9, 7, 5, 3, 70, 1, Padding.SAME, true);
    }

    @Test
    void conv2d_7x7_stride2_symmetricPadding_matchesDirectConvolution() {
        checkConv(1, 20, 20, 3, 7, 64, 2, Padding.symmetric(3), false);
    }

    @Test
    void conv2d_1x1_stride2_valid_manyChannels_matchesDirectConvolution() {
        checkConv(3, 8, 8, 130, 1, 65, 2, Padding.VALID, false);
    }

    @Test
    void dense_withBias_matchesLoops() {
        HostTensor x = DirectConv.random(random, 67, 33);
        HostTensor k = DirectConv.random(random, 33, 129);
        HostTensor b = DirectConv.random(random, 129);
        HostTensor expected = HostTensor.zeros(Shape.of(67, 129));
        for (int i = 0; i < 67; i++) {
            for (int j = 0; j < 129; j++) {
                double s = b.get(j);
                for (int q = 0; q < 33; q++) {
                    s += x.get(i, q) * k.get(q, j);
                }
                expected.set((float) s, i, j);
            }
        }
        try (Tensor dx = ops().upload(x); Tensor dk = ops().upload(k); Tensor db = ops().upload(b)) {
            assertClose(run(ops -> ops.dense(dx, dk, db)), expected, 1e-4);
        }
    }

    @Test
    void batchNorm_reluAddSoftmax_matchLoops() {
        HostTensor x = DirectConv.random(random, 2, 3, 3, 4);
        HostTensor z = DirectConv.random(random, 2, 3, 3, 4);
        HostTensor g = DirectConv.random(random, 4);
        HostTensor be = DirectConv.random(random, 4);
        HostTensor m = DirectConv.random(random, 4);
        HostTensor v = HostTensor.filled(Shape.of(4), 0.7f);
        HostTensor bn = HostTensor.zeros(x.shape());
        HostTensor relu = HostTensor.zeros(x.shape());
        HostTensor sum = HostTensor.zeros(x.shape());
        for (int i = 0; i < x.size(); i++) {
            int c = i % 4;
            bn.data()[i] = (float) (g.data()[c] * (x.data()[i] - m.data()[c]) / Math.sqrt(0.7 + 1e-3) + be.data()[c]);
            relu.data()[i] = Math.max(x.data()[i], 0f);
            sum.data()[i] = x.data()[i] + z.data()[i];
        }
        HostTensor logits = DirectConv.random(random, 3, 1000);
        logits.data()[5] = 1e4f;
        HostTensor soft = HostTensor.zeros(logits.shape());
        for (int r = 0; r < 3; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 1000; j++) {
                max = Math.max(max, logits.get(r, j));
            }
            double total = 0;
            for (int j = 0; j < 1000; j++) {
                total += Math.exp(logits.get(r, j) - max);
            }
            for (int j = 0; j < 1000; j++) {
                soft.set((float) (Math.exp(logits.get(r, j) - max) / total), r, j);
            }
        }
        try (Tensor dx = ops().upload(x); Tensor dz = ops().upload(z); Tensor dg = ops().upload(g);
                Tensor dbe = ops().upload(be); Tensor dm = ops().upload(m); Tensor dv = ops().upload(v);
                Tensor dl = ops().upload(logits)) {
            assertClose(run(ops -> ops.batchNorm(dx, dg, dbe, dm, dv, 1e-3f)), bn, 1e-5);
            assertClose(run(ops -> ops.relu(dx)), relu, 0);
            assertClose(run(ops -> ops.add(dx, dz)), sum, 1e-6);
            assertClose(run(ops -> ops.softmax(dl)), soft, 1e-5);
        }
    }

    @Test
    void pools_padWithMinusInfinityAndAverageRealCellsOnly_andGlobalPoolAndZeroPad() {
        HostTensor x = DirectConv.random(random, 2, 5, 6, 3);
        PoolOptions o = PoolOptions.of(3, 2, Padding.SAME);
        Padding.Explicit p = CudaShapes.poolPadding(x.shape(), o);
        Shape out = CudaShapes.pool("maxPool", x.shape(), o);
        HostTensor max = HostTensor.zeros(out);
        HostTensor avg = HostTensor.zeros(out);
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < out.dim(1); i++) {
                for (int j = 0; j < out.dim(2); j++) {
                    for (int c = 0; c < 3; c++) {
                        double best = Double.NEGATIVE_INFINITY;
                        double s = 0;
                        int cells = 0;
                        for (int u = 0; u < 3; u++) {
                            for (int v = 0; v < 3; v++) {
                                int r = i * 2 + u - p.top();
                                int q = j * 2 + v - p.left();
                                if (r >= 0 && r < 5 && q >= 0 && q < 6) {
                                    best = Math.max(best, x.get(n, r, q, c));
                                    s += x.get(n, r, q, c);
                                    cells++;
                                }
                            }
                        }
                        max.set((float) best, n, i, j, c);
                        avg.set((float) (s / cells), n, i, j, c);
                    }
                }
            }
        }
        HostTensor gap = HostTensor.zeros(Shape.of(2, 3));
        for (int i = 0; i < x.size(); i++) {
            gap.data()[(i / (5 * 6 * 3)) * 3 + i % 3] += x.data()[i] / 30f;
        }
        Padding.Explicit pad = Padding.explicit(1, 2, 0, 3);
        HostTensor padded = HostTensor.zeros(Shape.of(2, 8, 9, 3));
        for (int n = 0; n < 2; n++) {
            for (int r = 0; r < 5; r++) {
                for (int q = 0; q < 6; q++) {
                    for (int c = 0; c < 3; c++) {
                        padded.set(x.get(n, r, q, c), n, r + 1, q, c);
                    }
                }
            }
        }
        try (Tensor dx = ops().upload(x)) {
            assertClose(run(ops -> ops.maxPool(dx, o)), max, 0);
            assertClose(run(ops -> ops.avgPool(dx, o)), avg, 1e-6);
            assertClose(run(ops -> ops.globalAvgPool(dx)), gap, 1e-5);
            assertClose(run(ops -> ops.zeroPad(dx, pad)), padded, 0);
        }
    }

    /** A small residual network written with test layers: conv-BN-ReLU, a residual pair, pooling and a head. */
    static Model residualModel() {
        Node x = Input.of(12, 12, 3);
        Node y = conv("stem", 3, 16, 3, 2).apply(x);
        y = relu("stem_relu").apply(bn("stem_bn", 16).apply(y));
        Node r = relu("b1_relu1").apply(bn("b1_bn1", 16).apply(conv("b1_conv1", 16, 16, 3, 1).apply(y)));
        r = bn("b1_bn2", 16).apply(conv("b1_conv2", 16, 16, 3, 1).apply(r));
        Node sum = relu("b1_out").apply(add("b1_add").apply(r, y));
        Node pooled = new TestLayer("gap", 1, s -> Shape.of(s.get(0).dim(2)), s -> List.of(),
                (ops, a) -> ops.globalAvgPool(in(a, 0))).apply(sum);
        Node logits = new TestLayer("fc", 1, s -> Shape.of(10),
                s -> List.of(ParameterSpec.trainable("kernel", Shape.of(16, 10), Initializer.GLOROT_UNIFORM),
                        ParameterSpec.trainable("bias", Shape.of(10), Initializer.GLOROT_UNIFORM)),
                (ops, a) -> ops.dense(in(a, 0), w(a, "kernel"), w(a, "bias"))).apply(pooled);
        Node probs = new TestLayer("softmax", 1, s -> s.get(0), s -> List.of(),
                (ops, a) -> ops.softmax(in(a, 0))).apply(logits);
        return Model.of("tiny_resnet", x, probs);
    }

    @SuppressWarnings("unchecked")
    private static Tensor in(Object[] a, int i) {
        return ((List<Tensor>) a[0]).get(i);
    }

    private static Tensor w(Object[] a, String name) {
        return ((LayerWeights) a[1]).get(name);
    }

    private static TestLayer conv(String name, int cin, int cout, int k, int stride) {
        return new TestLayer(name, 1, s -> {
            int h = (s.get(0).dim(0) + stride - 1) / stride;
            int wd = (s.get(0).dim(1) + stride - 1) / stride;
            return Shape.of(h, wd, cout);
        }, s -> List.of(ParameterSpec.trainable("kernel", Shape.of(k, k, cin, cout), Initializer.HE_NORMAL)),
                (ops, a) -> ops.conv2d(in(a, 0), w(a, "kernel"), null, Conv2dOptions.of(stride, Padding.SAME)));
    }

    private static TestLayer bn(String name, int c) {
        return new TestLayer(name, 1, s -> s.get(0), s -> List.of(
                ParameterSpec.trainable("gamma", Shape.of(c), Initializer.GLOROT_UNIFORM),
                ParameterSpec.trainable("beta", Shape.of(c), Initializer.GLOROT_UNIFORM),
                ParameterSpec.nonTrainable("moving_mean", Shape.of(c), Initializer.GLOROT_UNIFORM),
                ParameterSpec.nonTrainable("moving_variance", Shape.of(c), Initializer.ONES)),
                (ops, a) -> ops.batchNorm(in(a, 0), w(a, "gamma"), w(a, "beta"), w(a, "moving_mean"),
                        w(a, "moving_variance"), 1.001e-5f));
    }

    private static TestLayer relu(String name) {
        return new TestLayer(name, 1, s -> s.get(0), s -> List.of(), (ops, a) -> ops.relu(in(a, 0)));
    }

    private static TestLayer add(String name) {
        return new TestLayer(name, 2, s -> s.get(0), s -> List.of(), (ops, a) -> ops.add(in(a, 0), in(a, 1)));
    }

    @Test
    void compiledModel_matchesTheEagerOps_atBatch1And5_andReusesItsPlans() {
        Model model = residualModel();
        for (int batch : new int[] {1, 5, 1, 5}) {
            HostTensor x = DirectConv.random(random, batch, 12, 12, 3);
            HostTensor eager = eager(model, x);
            try (CompiledModel compiled = backend.compile(model)) {
                assertClose(compiled.predict(x), eager, 1e-4);
                assertClose(compiled.predict(x), eager, 1e-4);
            }
        }
    }

    private HostTensor eager(Model model, HostTensor x) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        List<Tensor> in = new ArrayList<>();
        try {
            for (var p : model.parameters().asMap().entrySet()) {
                weights.put(p.getKey(), ops().upload(p.getValue()));
            }
            in.add(ops().upload(x));
            List<Tensor> out = model.forward(ops(), weights, in);
            try (Tensor t = out.get(0)) {
                return ops().download(t);
            }
        } finally {
            weights.values().forEach(Tensor::close);
            in.forEach(Tensor::close);
        }
    }
}
