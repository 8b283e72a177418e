package org.resnet4j.backend.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.DenseGradients;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.tck.ReferenceGradients;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.tensor.TensorDifference;
import org.tensorflow.EagerSession;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's backward primitives traced into a graph and run by a session (the eager ops are covered by
 * {@code TfGradientContractTest}): each scenario must match {@link ReferenceGradients} (float64 loops rounded once);
 * in-place updates (moving statistics, optimizer steps on plain tensors, through scratch variables) are checked
 * through the tensors they updated. Also pins what TensorFlow's {@code FusedBatchNormV3} returns as
 * {@code batch_variance} in training mode.
 */
class TfGradientGraphModeTest {
    private static final double TOLERANCE = 1e-5;

    /** A use of the primitives: uploads with {@code up}, returns the tensors to compare (in place: the updated ones). */
    interface Scenario {
        List<Tensor> run(GradientOps g, Function<HostTensor, Tensor> up);
    }

    record Named(String name, Scenario scenario) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Named> scenarios() {
        List<Named> s = new ArrayList<>();
        conv(s, "conv_3x3_valid", Shape.of(2, 5, 5, 3), 3, 3, 4, 1, Padding.VALID);
        conv(s, "conv_3x3_stride2_same_evenInput", Shape.of(2, 6, 6, 2), 3, 3, 3, 2, Padding.SAME);
        conv(s, "conv_3x3_stride2_explicitAsymmetric", Shape.of(1, 7, 6, 2), 3, 3, 2, 2,
                Padding.explicit(1, 2, 0, 1));
        conv(s, "conv_7x7_stride2_symmetric3", Shape.of(1, 9, 8, 3), 7, 7, 2, 2, Padding.symmetric(3));
        conv(s, "conv_2x3_same_evenKernel", Shape.of(1, 4, 5, 2), 2, 3, 2, 1, Padding.SAME);
        conv(s, "conv_1x1_stride2_valid", Shape.of(2, 5, 5, 3), 1, 1, 4, 2, Padding.VALID);
        s.add(new Named("dense", (g, up) -> {
            Tensor dy = up.apply(HostTensor.gaussian(Shape.of(3, 4), 1));
            DenseGradients d = g.denseBackward(dy, up.apply(HostTensor.gaussian(Shape.of(3, 5), 2)),
                    up.apply(HostTensor.gaussian(Shape.of(5, 4), 3)));
            return List.of(d.input(), d.kernel(), g.biasBackward(dy));
        }));
        batchNorm(s, "batchNorm_image", Shape.of(2, 3, 3, 4));
        batchNorm(s, "batchNorm_rank2", Shape.of(6, 3));
        s.add(new Named("relu", (g, up) -> {
            HostTensor y = (HostTensor) new ReferenceOps().relu(HostTensor.gaussian(Shape.of(2, 3, 3, 2), 4));
            return List.of(g.reluBackward(up.apply(HostTensor.gaussian(y.shape(), 5)), up.apply(y)));
        }));
        pool(s, "3x3_stride2_same_evenInput", Shape.of(2, 6, 6, 2), PoolOptions.of(3, 2, Padding.SAME));
        pool(s, "3x3_stride2_symmetric1", Shape.of(1, 7, 7, 2), PoolOptions.of(3, 2, Padding.symmetric(1)));
        pool(s, "2x2_stride2_valid_oddInput", Shape.of(1, 5, 5, 3), PoolOptions.of(2, 2, Padding.VALID));
        pool(s, "3x3_stride1_same_overlapping", Shape.of(1, 4, 5, 2), PoolOptions.of(3, 1, Padding.SAME));
        pool(s, "3x2_stride2_explicitAsymmetric", Shape.of(2, 6, 7, 2),
                new PoolOptions(3, 2, 2, 2, Padding.explicit(0, 2, 1, 0)));
        s.add(new Named("globalAvgPool", (g, up) -> List.of(
                g.globalAvgPoolBackward(up.apply(HostTensor.gaussian(Shape.of(2, 3), 6)), Shape.of(2, 5, 7, 3)))));
        s.add(new Named("zeroPad", (g, up) -> List.of(g.zeroPadBackward(
                up.apply(HostTensor.gaussian(Shape.of(2, 7, 6, 3), 7)), Padding.explicit(1, 2, 0, 3)))));
        s.add(new Named("softmax", (g, up) -> {
            HostTensor y = (HostTensor) new ReferenceOps().softmax(HostTensor.gaussian(Shape.of(3, 5), 8));
            return List.of(g.softmaxBackward(up.apply(HostTensor.gaussian(y.shape(), 9)), up.apply(y)));
        }));
        s.add(new Named("multiply", (g, up) -> List.of(g.multiply(up.apply(HostTensor.gaussian(Shape.of(2, 3, 4), 10)),
                up.apply(HostTensor.gaussian(Shape.of(2, 3, 4), 11))))));
        s.add(new Named("softmaxCrossEntropy_soft", (g, up) -> {
            LossAndGradient r = g.softmaxCrossEntropy(up.apply(HostTensor.gaussian(Shape.of(4, 5), 12)),
                    up.apply((HostTensor) new ReferenceOps().softmax(HostTensor.gaussian(Shape.of(4, 5), 13))));
            return List.of(r.loss(), r.gradient());
        }));
        s.add(new Named("categoricalCrossEntropy_clipped", (g, up) -> {
            float[] p = {0.2f, 0.3f, 0.5f, 1e-9f, 0.5f, 0.7f, 2f, 1e-12f, 1f};
            float[] t = {0f, 1f, 0f, 1f, 0f, 0f, 0.25f, 0.25f, 0.5f};
            LossAndGradient r = g.categoricalCrossEntropy(up.apply(HostTensor.of(Shape.of(3, 3), p)),
                    up.apply(HostTensor.of(Shape.of(3, 3), t)), 1e-7f);
            return List.of(r.loss(), r.gradient());
        }));
        s.add(new Named("sgd_plain_decay", (g, up) -> {
            Tensor w = up.apply(HostTensor.gaussian(Shape.of(3, 4), 14));
            g.applySgd(w, up.apply(HostTensor.gaussian(Shape.of(3, 4), 15)), null, new SgdUpdate(0.1f, 0f, false,
                    0.01f));
            return List.of(w);
        }));
        for (boolean nesterov : new boolean[] {false, true}) {
            s.add(new Named("sgd_momentum_nesterov" + nesterov + "_twoSteps", (g, up) -> {
                Tensor w = up.apply(HostTensor.gaussian(Shape.of(3, 3, 2, 2), 16));
                Tensor v = up.apply(HostTensor.zeros(Shape.of(3, 3, 2, 2)));
                for (int step = 0; step < 2; step++) {
                    g.applySgd(w, up.apply(HostTensor.gaussian(Shape.of(3, 3, 2, 2), 17 + step)), v,
                            new SgdUpdate(0.1f, 0.9f, nesterov, 0f));
                }
                return List.of(w, v);
            }));
        }
        s.add(new Named("adam_decay_threeSteps", (g, up) -> {
            Tensor w = up.apply(HostTensor.gaussian(Shape.of(4), 20));
            Tensor m = up.apply(HostTensor.zeros(Shape.of(4)));
            Tensor v = up.apply(HostTensor.zeros(Shape.of(4)));
            for (int step = 1; step <= 3; step++) {
                g.applyAdam(w, up.apply(HostTensor.gaussian(Shape.of(4), 20 + step)), m, v,
                        new AdamUpdate(0.01f, 0.9f, 0.999f, 1e-3f, step, 0.1f));
            }
            return List.of(w, m, v);
        }));
        return s.stream();
    }

    private static void conv(List<Named> s, String name, Shape in, int kh, int kw, int cout, int stride,
            Padding padding) {
        s.add(new Named(name, (g, up) -> {
            Conv2dOptions options = Conv2dOptions.of(stride, padding);
            HostTensor x = HostTensor.gaussian(in, 1);
            HostTensor k = HostTensor.gaussian(Shape.of(kh, kw, in.dim(3), cout), 2);
            HostTensor y = (HostTensor) new ReferenceOps().conv2d(x, k, null, options);
            Tensor dy = up.apply(HostTensor.gaussian(y.shape(), 3));
            Conv2dGradients d = g.conv2dBackward(dy, up.apply(x), up.apply(k), options, true);
            return List.of(d.input(), d.kernel(), g.biasBackward(dy));
        }));
    }

    private static void batchNorm(List<Named> s, String name, Shape in) {
        s.add(new Named(name, (g, up) -> {
            Shape c = Shape.of(in.dim(-1));
            Tensor x = up.apply(HostTensor.gaussian(in, 1));
            Tensor gamma = up.apply(HostTensor.gaussian(c, 2));
            Tensor mm = up.apply(HostTensor.gaussian(c, 3));
            Tensor mv = up.apply(HostTensor.filled(c, 2f));
            BatchNormTraining r = g.batchNormTraining(x, gamma, up.apply(HostTensor.gaussian(c, 4)), mm, mv, 1e-3f,
                    0.99f);
            BatchNormGradients d = g.batchNormBackward(up.apply(HostTensor.gaussian(in, 5)), x, gamma, r.mean(),
                    r.variance(), 1e-3f);
            return List.of(r.output(), r.mean(), r.variance(), mm, mv, d.input(), d.gamma(), d.beta());
        }));
    }

    private static void pool(List<Named> s, String name, Shape in, PoolOptions options) {
        s.add(new Named("maxPool_" + name, (g, up) -> {
            HostTensor x = HostTensor.gaussian(in, 1);
            Shape out = new ReferenceOps().maxPool(x, options).shape();
            return List.of(g.maxPoolBackward(up.apply(HostTensor.gaussian(out, 2)), up.apply(x), options));
        }));
        s.add(new Named("avgPool_" + name, (g, up) -> {
            Shape out = new ReferenceOps().avgPool(HostTensor.zeros(in), options).shape();
            return List.of(g.avgPoolBackward(up.apply(HostTensor.gaussian(out, 2)), in, options));
        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void graph_matchesReferenceGradients(Named scenario) {
        List<Tensor> expected = scenario.scenario().run(new ReferenceGradients(), h -> h);
        try (Graph graph = new Graph()) {
            TfOps ops = new TfOps(org.tensorflow.op.Ops.create(graph), false);
            List<Tensor> traced = scenario.scenario().run(ops, ops::upload);
            try (Session session = new Session(graph)) {
                Session.Runner runner = session.runner();
                traced.forEach(t -> runner.fetch(((TfTensor) t).operand()));
                try (Result result = runner.run()) {
                    List<HostTensor> actual = new ArrayList<>();
                    for (int i = 0; i < traced.size(); i++) {
                        actual.add(TfHostTensors.host((TFloat32) result.get(i)));
                    }
                    compare(scenario.name(), expected, actual);
                }
            }
        }
    }

    /**
     * TensorFlow's {@code batch_variance} in training mode is the unbiased variance ({@code m / (m - 1)} times the
     * biased one); the primitive returns the biased one, as the api (and Keras' moving update) wants.
     */
    @Test
    void fusedBatchNormV3_batchVarianceIsUnbiased_primitiveReturnsBiased() {
        try (EagerSession session = EagerSession.create()) {
            org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(session);
            TfOps ops = new TfOps(tf, true);
            float[] values = {1f, 2f, 4f, 7f}; // one channel, m = 4: mean 3.5, biased variance 5.25, unbiased 7
            TfTensor x = (TfTensor) ops.upload(HostTensor.of(Shape.of(1, 2, 2, 1), values));
            TfTensor one = (TfTensor) ops.upload(HostTensor.filled(Shape.of(1), 1f));
            TfTensor zero = (TfTensor) ops.upload(HostTensor.zeros(Shape.of(1)));
            FusedBatchNorm<TFloat32, TFloat32> raw = tf.nn.fusedBatchNorm(x.operand(), one.operand(),
                    zero.operand(), zero.operand(), one.operand(), FusedBatchNorm.isTraining(true));
            assertEquals(7f, raw.batchVariance().asTensor().getFloat(0), 1e-6f);
            assertEquals(5.25f, raw.reserveSpace2().asTensor().getFloat(0), 1e-6f);
            BatchNormTraining r = ops.batchNormTraining(x, one, zero, ops.upload(HostTensor.zeros(Shape.of(1))),
                    ops.upload(HostTensor.zeros(Shape.of(1))), 1e-3f, 0.99f);
            assertEquals(5.25f, ops.download(r.variance()).data()[0], 1e-6f);
            assertEquals(3.5f, ops.download(r.mean()).data()[0], 1e-6f);
        }
    }

    private static void compare(String name, List<Tensor> expected, List<HostTensor> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            HostTensor e = (HostTensor) expected.get(i);
            HostTensor a = actual.get(i);
            assertEquals(e.shape(), a.shape(), name + " result " + i);
            double error = TensorDifference.relativeL2(a, e);
            assertTrue(error <= TOLERANCE, name + " result " + i + ": relative L2 error " + error);
        }
    }

}
