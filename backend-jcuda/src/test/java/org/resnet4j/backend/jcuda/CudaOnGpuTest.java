package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.nn.Softmax;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.BackendUnderTest;
import org.resnet4j.tck.OpCall;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The kernels on a real GPU against plain-Java loops written here, and compile() against the eager ops.
 * Skips with the probe's reason where no GPU is usable (this machine, CI).
 */
class CudaOnGpuTest implements BackendUnderTest {
    private Random random;

    @Override
    public BackendProvider provider() {
        return new CudaBackendProvider();
    }

    /** The kit keeps one instance for the class, so each test starts its own random sequence here. */
    @BeforeEach
    void seedRandom() {
        random = new Random(1234);
    }

    private Ops ops() {
        return backend().ops();
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
        HostTensor x = OpRunner.gaussian(random, 1.0, n, h, w, c);
        HostTensor kernel = OpRunner.gaussian(random, 1.0, k, k, c, co);
        HostTensor b = bias ? OpRunner.gaussian(random, 1.0, co) : null;
        Conv2dOptions o = Conv2dOptions.of(stride, padding);
        HostTensor expected = OpRunner.run(new ReferenceOps(), (ops, t) -> ops.conv2d(t[0], t[1], t[2], o), x, kernel, b);
        try (Tensor dx = ops().upload(x); Tensor dk = ops().upload(kernel);
                Tensor db = b == null ? null : ops().upload(b)) {
            assertClose(run(ops -> ops.conv2d(dx, dk, db, o)), expected, 1e-4);
        }
    }

    @Test
    void conv2d_3x3_same_withBias_matchesReferenceConvolution() {
        checkConv(2, 9, 7, 5, 3, 70, 1, Padding.SAME, true);
    }

    @Test
    void conv2d_7x7_stride2_symmetricPadding_matchesReferenceConvolution() {
        checkConv(1, 20, 20, 3, 7, 64, 2, Padding.symmetric(3), false);
    }

    @Test
    void conv2d_1x1_stride2_valid_manyChannels_matchesReferenceConvolution() {
        checkConv(3, 8, 8, 130, 1, 65, 2, Padding.VALID, false);
    }

    /** The contract kit's plain-loop oracle applied to {@code inputs}. */
    private static HostTensor reference(OpCall call, HostTensor... inputs) {
        return OpRunner.run(new ReferenceOps(), call, inputs);
    }

    @Test
    void dense_withBias_matchesReferenceOps() {
        HostTensor x = OpRunner.gaussian(random, 1.0, 67, 33);
        HostTensor k = OpRunner.gaussian(random, 1.0, 33, 129);
        HostTensor b = OpRunner.gaussian(random, 1.0, 129);
        HostTensor expected = reference((ops, t) -> ops.dense(t[0], t[1], t[2]), x, k, b);
        try (Tensor dx = ops().upload(x); Tensor dk = ops().upload(k); Tensor db = ops().upload(b)) {
            assertClose(run(ops -> ops.dense(dx, dk, db)), expected, 1e-4);
        }
    }

    @Test
    void batchNorm_reluAddSoftmax_matchReferenceOps() {
        HostTensor x = OpRunner.gaussian(random, 1.0, 2, 3, 3, 4);
        HostTensor z = OpRunner.gaussian(random, 1.0, 2, 3, 3, 4);
        HostTensor g = OpRunner.gaussian(random, 1.0, 4);
        HostTensor be = OpRunner.gaussian(random, 1.0, 4);
        HostTensor m = OpRunner.gaussian(random, 1.0, 4);
        HostTensor v = HostTensor.filled(Shape.of(4), 0.7f);
        HostTensor logits = OpRunner.gaussian(random, 1.0, 3, 1000);
        logits.data()[5] = 1e4f; // a softmax that does not subtract the row maximum overflows here
        HostTensor bn = reference((ops, t) -> ops.batchNorm(t[0], t[1], t[2], t[3], t[4], 1e-3f), x, g, be, m, v);
        HostTensor relu = reference((ops, t) -> ops.relu(t[0]), x);
        HostTensor sum = reference((ops, t) -> ops.add(t[0], t[1]), x, z);
        HostTensor soft = reference((ops, t) -> ops.softmax(t[0]), logits);
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
        HostTensor x = OpRunner.gaussian(random, 1.0, 2, 5, 6, 3);
        PoolOptions o = PoolOptions.of(3, 2, Padding.SAME); // 5x6 at stride 2: unequal padding on both axes
        Padding.Explicit pad = Padding.explicit(1, 2, 0, 3);
        HostTensor max = reference((ops, t) -> ops.maxPool(t[0], o), x);
        HostTensor avg = reference((ops, t) -> ops.avgPool(t[0], o), x);
        HostTensor gap = reference((ops, t) -> ops.globalAvgPool(t[0]), x);
        HostTensor padded = reference((ops, t) -> ops.zeroPad(t[0], pad), x);
        try (Tensor dx = ops().upload(x)) {
            assertClose(run(ops -> ops.maxPool(dx, o)), max, 0);
            assertClose(run(ops -> ops.avgPool(dx, o)), avg, 1e-6);
            assertClose(run(ops -> ops.globalAvgPool(dx)), gap, 1e-5);
            assertClose(run(ops -> ops.zeroPad(dx, pad)), padded, 0);
        }
    }

    /** A small residual network of the api's layers: conv-BN-ReLU, a residual pair, pooling and a head. */
    static Model residualModel() {
        Node x = Input.of(12, 12, 3);
        Node y = conv("stem", 16, 2).apply(x);
        y = ReLU.of().named("stem_relu").apply(bn("stem_bn").apply(y));
        Node r = ReLU.of().named("b1_relu1").apply(bn("b1_bn1").apply(conv("b1_conv1", 16, 1).apply(y)));
        r = bn("b1_bn2").apply(conv("b1_conv2", 16, 1).apply(r));
        Node sum = ReLU.of().named("b1_out").apply(Add.of().named("b1_add").apply(r, y));
        Node pooled = GlobalAveragePooling2D.of().named("gap").apply(sum);
        Node logits = Dense.of(10).named("fc").apply(pooled);
        Node probs = Softmax.of().named("softmax").apply(logits);
        Model model = Model.of("tiny_resnet", x, probs).initialize(5);
        // Non-trivial BN statistics and biases, so a kernel that ignores them fails the comparison.
        Random values = new Random(6);
        for (String name : model.parameters().names()) {
            Shape shape = model.parameters().shape(name);
            if (name.endsWith("/moving_variance")) {
                model.parameters().set(name, OpRunner.uniform(values, 0.5, 1.5, shape.toArray()));
            } else if (!name.endsWith("/kernel")) {
                model.parameters().set(name, OpRunner.gaussian(values, 0.5, shape.toArray()));
            }
        }
        return model;
    }

    private static Conv2D conv(String name, int filters, int stride) {
        return Conv2D.of(filters, 3).withStrides(stride).withPadding(Padding.SAME).withoutBias().named(name);
    }

    private static BatchNormalization bn(String name) {
        return BatchNormalization.of().withEpsilon(1.001e-5).named(name);
    }

    @Test
    void compiledModel_matchesTheEagerOps_atBatch1And5_andReusesItsPlans() {
        Model model = residualModel();
        for (int batch : new int[] {1, 5, 1, 5}) {
            HostTensor x = OpRunner.gaussian(random, 1.0, batch, 12, 12, 3);
            HostTensor eager = eager(model, x);
            try (CompiledModel compiled = backend().compile(model)) {
                assertClose(compiled.predict(x), eager, 1e-4);
                assertClose(compiled.predict(x), eager, 1e-4);
            }
        }
    }

    /**
     * More batch sizes than the compiled model keeps plans for: the least recently used plans are dropped (their
     * arenas freed), the results stay right, and a dropped batch size comes back with a rebuilt plan.
     */
    @Test
    void compiledModel_moreBatchSizesThanItKeepsPlansFor_dropsTheLeastRecentlyUsed_andStaysRight() {
        Model model = residualModel();
        int kept = CudaPlanCache.capacity(System.getProperty(CudaPlanCache.CAPACITY_PROPERTY));
        List<HostTensor> inputs = new ArrayList<>();
        try (CudaCompiledModel compiled = (CudaCompiledModel) backend().compile(model)) {
            for (int batch = 1; batch <= kept + 2; batch++) {
                HostTensor x = OpRunner.gaussian(random, 1.0, batch, 12, 12, 3);
                inputs.add(x);
                assertClose(compiled.predict(x), eager(model, x), 1e-4);
            }
            List<Integer> keptBatches = compiled.plannedShapes().stream().map(s -> s.get(0).dim(0)).toList();
            assertThat(keptBatches).hasSize(kept).startsWith(3).endsWith(kept + 2);

            assertClose(compiled.predict(inputs.get(0)), eager(model, inputs.get(0)), 1e-4);
            assertThat(compiled.plannedShapes()).hasSize(kept);
            assertThat(compiled.plannedShapes().get(kept - 1).get(0).dim(0)).as("most recently used batch")
                    .isEqualTo(1);
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
