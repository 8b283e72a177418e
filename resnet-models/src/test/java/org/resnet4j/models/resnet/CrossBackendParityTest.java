package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnet4j.Backends;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Every depth of the paper, at a reduced size (32x32 input, base width 16, 10 classes) so the suite stays fast, on
 * every available backend: the same seeded weights (with non-trivial BatchNorm statistics) and the same input must
 * give the same outputs on each pair of backends, through each backend's compiled path. The plain-loop
 * {@link ReferenceBackend} joins for the shallower depths. On a mismatch the message names the first layer whose
 * output diverges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossBackendParityTest {
    /** float32 on different engines (summation order, fused kernels) stays far below this; a wiring bug does not. */
    private static final double TOLERANCE = 1e-4;

    private final List<Backend> backends = new ArrayList<>();

    CrossBackendParityTest() {
        for (BackendProvider p : Backends.providers()) {
            if (p.probe().available()) {
                backends.add(Backends.get(p.name()));
            }
        }
    }

    @AfterAll
    void closeBackends() {
        backends.forEach(Backend::close);
    }

    @ParameterizedTest(name = "ResNet-{0}")
    @ValueSource(ints = {18, 34, 50, 101, 152})
    void everyDepth_agreesOnEveryPairOfBackends(int depth) {
        List<Backend> subjects = new ArrayList<>(backends);
        if (depth <= 50) {
            subjects.add(new ReferenceBackend());
        }
        assumeTrue(subjects.size() >= 2, "fewer than two backends can run here: " + Backends.describe());

        Model model = ResNet.build(ResNets.torchvisionConfig(depth).withBaseWidth(16).withClasses(10)
                .withInputSize(32, 32));
        randomizeBatchNormStatistics(model, depth);
        HostTensor input = randomInput(Shape.of(2, 32, 32, 3), depth);

        Map<String, HostTensor> outputs = new LinkedHashMap<>();
        for (Backend b : subjects) {
            try (CompiledModel compiled = b.compile(model)) {
                outputs.put(b.name(), compiled.predict(input));
            }
        }
        for (int i = 0; i < subjects.size(); i++) {
            for (int j = i + 1; j < subjects.size(); j++) {
                Backend a = subjects.get(i);
                Backend b = subjects.get(j);
                double error = TensorComparison.relativeL2Error(outputs.get(a.name()), outputs.get(b.name()));
                if (!(error <= TOLERANCE)) {
                    fail("ResNet-%d: %s vs %s relative L2 error %.3g > %.0g; %s", depth, a.name(), b.name(), error,
                            TOLERANCE, firstDivergingLayer(model, input, a, b));
                }
                assertThat(error).isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    private static String firstDivergingLayer(Model model, HostTensor input, Backend a, Backend b) {
        Map<Node, HostTensor> left = perNode(model, input, a);
        Map<Node, HostTensor> right = perNode(model, input, b);
        for (Node n : model.nodes()) {
            double e = TensorComparison.relativeL2Error(left.get(n), right.get(n));
            if (!(e <= TOLERANCE)) {
                return "first diverging layer: " + n.layer().name() + " (relative L2 error " + e + ")";
            }
        }
        return "no single layer diverges beyond the tolerance";
    }

    private static Map<Node, HostTensor> perNode(Model model, HostTensor input, Backend backend) {
        Map<Node, HostTensor> seen = new LinkedHashMap<>();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        model.parameters().asMap().forEach((k, v) -> weights.put(k, backend.ops().upload(v)));
        Tensor x = backend.ops().upload(input);
        try {
            model.forward(backend.ops(), weights, List.of(x), (node, out) -> seen.put(node, backend.ops().download(out)))
                    .forEach(Tensor::close);
        } finally {
            x.close();
            weights.values().forEach(Tensor::close);
        }
        return seen;
    }

    private static void randomizeBatchNormStatistics(Model model, long seed) {
        Random rng = new Random(seed);
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            if (name.endsWith("/gamma") || name.endsWith("/moving_variance")) {
                for (int i = 0; i < d.length; i++) {
                    d[i] = 0.5f + rng.nextFloat();
                }
            } else if (name.endsWith("/beta") || name.endsWith("/moving_mean")) {
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (rng.nextGaussian() * 0.1);
                }
            }
        }
    }

    private static HostTensor randomInput(Shape shape, long seed) {
        Random rng = new Random(seed * 31 + 7);
        float[] d = new float[shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return HostTensor.of(shape, d);
    }
}
