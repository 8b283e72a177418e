package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.resnet4j.Backends;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.spi.Availability;
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
 * every pair of backends: the same seeded weights (with non-trivial BatchNorm statistics) and the same input must
 * give the same outputs on both, through each backend's compiled path. The plain-loop {@link ReferenceBackend}
 * joins for the shallower depths. Each depth and pair is a test of its own, so a pair with a backend that cannot
 * run here is reported as skipped, with the backend's reason. On a mismatch the message names the first layer
 * whose output diverges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossBackendParityTest {
    /** float32 on different engines (summation order, fused kernels) stays far below this; a wiring bug does not. */
    private static final double TOLERANCE = 1e-4;
    /** The name under which the plain-loop reference joins the pairs. */
    private static final String REFERENCE = "reference";
    /** The deepest network the plain-loop reference computes (deeper ones take it too long). */
    private static final int REFERENCE_MAX_DEPTH = 50;

    /** Opened backends by name, each once for the class; the reference is opened like the others. */
    private final Map<String, Backend> opened = new LinkedHashMap<>();
    /** Each backend's output per depth, computed once and shared by the pairs it is part of. */
    private final Map<String, HostTensor> outputs = new LinkedHashMap<>();
    /** The network per depth, built once: the same weights for every pair. */
    private final Map<Integer, Model> models = new LinkedHashMap<>();

    @AfterAll
    void closeBackends() {
        opened.values().forEach(Backend::close);
    }

    /** Every pair of discovered backends (available or not) and the reference, for every depth. */
    static Stream<Arguments> depthsAndPairs() {
        List<String> names = new ArrayList<>();
        Backends.providers().forEach(p -> names.add(p.name()));
        names.add(REFERENCE);
        List<Arguments> cases = new ArrayList<>();
        for (int depth : new int[] {18, 34, 50, 101, 152}) {
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                    boolean withReference = names.get(i).equals(REFERENCE) || names.get(j).equals(REFERENCE);
                    if (!withReference || depth <= REFERENCE_MAX_DEPTH) {
                        cases.add(Arguments.of(depth, names.get(i), names.get(j)));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "ResNet-{0}: {1} vs {2}")
    @MethodSource("depthsAndPairs")
    void everyDepth_agreesOnEveryPairOfBackends(int depth, String first, String second) {
        Backend a = open(first);
        Backend b = open(second);
        Model model = models.computeIfAbsent(depth, CrossBackendParityTest::model);
        HostTensor input = randomInput(Shape.of(2, 32, 32, 3), depth);

        double error = TensorComparison.relativeL2Error(output(a, depth, model, input), output(b, depth, model, input));
        if (!(error <= TOLERANCE)) {
            fail("ResNet-%d: %s vs %s relative L2 error %.3g > %.0g; %s", depth, a.name(), b.name(), error,
                    TOLERANCE, firstDivergingLayer(model, input, a, b));
        }
        assertThat(error).isLessThanOrEqualTo(TOLERANCE);
    }

    /** The backend called {@code name}, opened on first use; skips the test when it cannot run here. */
    private Backend open(String name) {
        Backend backend = opened.get(name);
        if (backend != null) {
            return backend;
        }
        if (name.equals(REFERENCE)) {
            backend = new ReferenceBackend();
        } else {
            BackendProvider provider = Backends.providers().stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow();
            Availability availability = provider.probe();
            assumeTrue(availability.available(), () -> name + " cannot run here: " + availability.reason());
            backend = Backends.get(name);
        }
        opened.put(name, backend);
        return backend;
    }

    private HostTensor output(Backend backend, int depth, Model model, HostTensor input) {
        return outputs.computeIfAbsent(backend.name() + "/" + depth, key -> {
            try (CompiledModel compiled = backend.compile(model)) {
                return compiled.predict(input);
            }
        });
    }

    /** The network of {@code depth} with seeded weights and BatchNorm statistics (the seed is fixed by the depth). */
    private static Model model(int depth) {
        Model model = ResNet.build(ResNets.torchvisionConfig(depth).withBaseWidth(16).withClasses(10)
                .withInputSize(32, 32));
        randomizeBatchNormStatistics(model, depth);
        return model;
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
