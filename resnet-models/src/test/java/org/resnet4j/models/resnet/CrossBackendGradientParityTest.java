package org.resnet4j.models.resnet;

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
import org.resnet4j.ops.GradientOps;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tck.ReferenceTrainingOps;
import org.resnet4j.tck.TrainingRun;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.training.Sgd;

/**
 * Training on every pair of backends that train, and the float32 reference ({@link ReferenceTrainingOps}): a tiny
 * torchvision ResNet-18 trained for two SGD (Nesterov) steps and a tiny ResNet-50 for one (base width 4, 10
 * classes, 4x64x64x3 seeded input), on the tape in training mode, must give the same loss, the same gradient of
 * every parameter at every step and the same parameters and moving statistics afterwards on both backends, per
 * tensor; a failure names the first tensor that diverges. A pair with a backend that cannot run here is skipped
 * with the backend's reason, and one with a backend whose ops have no backward primitives is skipped with
 * "training not supported".
 *
 * <p>Tolerances, relative L2 per tensor: 1e-4 for the ResNet-18; 1e-3 for the ResNet-50, whose gradients through
 * 53 batch norms amplify float32 rounding (see {@code TorchvisionTrainingGoldenContract}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossBackendGradientParityTest {
    private static final String REFERENCE = "reference";
    private static final int BATCH = 4;

    /** A network, its steps and its tolerance. */
    private record Case(int depth, int steps, double tolerance) {
    }

    private static final List<Case> CASES = List.of(new Case(18, 2, 1e-4), new Case(50, 1, 1e-3));

    private final Map<String, Backend> opened = new LinkedHashMap<>();
    private final Map<String, Map<String, HostTensor>> runs = new LinkedHashMap<>();
    private final Map<Integer, Model> models = new LinkedHashMap<>();

    @AfterAll
    void closeBackends() {
        opened.values().forEach(Backend::close);
    }

    /** Every pair of discovered backends (available or not) and the reference, for every network. */
    static Stream<Arguments> networksAndPairs() {
        List<String> names = new ArrayList<>();
        Backends.providers().forEach(p -> names.add(p.name()));
        names.add(REFERENCE);
        List<Arguments> cases = new ArrayList<>();
        for (Case c : CASES) {
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                    cases.add(Arguments.of(c.depth(), names.get(i), names.get(j)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "tiny ResNet-{0} training: {1} vs {2}")
    @MethodSource("networksAndPairs")
    void trainingSteps_agreeOnEveryPairOfBackends_perParameter(int depth, String first, String second) {
        Case c = CASES.stream().filter(k -> k.depth() == depth).findFirst().orElseThrow();
        Backend a = open(first);
        Backend b = open(second);
        String what = "tiny ResNet-" + depth + " after " + c.steps() + " SGD steps, " + second + " vs " + first;
        Map<String, HostTensor> expected = run(a, c);
        Map<String, HostTensor> actual = run(b, c);
        TrainingRun.assertSameRun(what, actual, expected, c.tolerance());
        System.out.printf("%s: largest relative L2 error %.3g%n", what, TrainingRun.largestError(actual, expected));
    }

    /** The backend called {@code name}, opened on first use; skips the test when it cannot run or cannot train. */
    private Backend open(String name) {
        Backend backend = opened.get(name);
        if (backend == null) {
            if (name.equals(REFERENCE)) {
                backend = new ReferenceBackend(REFERENCE, new ReferenceTrainingOps());
            } else {
                BackendProvider provider = Backends.providers().stream().filter(p -> p.name().equals(name))
                        .findFirst().orElseThrow();
                Availability availability = provider.probe();
                assumeTrue(availability.available(), () -> name + " cannot run here: " + availability.reason());
                backend = Backends.get(name);
            }
            opened.put(name, backend);
        }
        Backend found = backend;
        assumeTrue(found.ops() instanceof GradientOps, () -> name + ": training not supported (its ops do not"
                + " implement GradientOps)");
        return found;
    }

    private Map<String, HostTensor> run(Backend backend, Case c) {
        return runs.computeIfAbsent(backend.name() + "/" + c.depth(), key -> {
            Model model = models.computeIfAbsent(c.depth(), CrossBackendGradientParityTest::model);
            Random random = new Random(c.depth());
            float[] pixels = new float[BATCH * 64 * 64 * 3];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextGaussian();
            }
            int[] labels = {3, 7, 0, 9};
            return TrainingRun.run(backend.ops(), model, HostTensor.of(Shape.of(BATCH, 64, 64, 3), pixels), labels,
                    c.steps(), Sgd.of(0.1).withMomentum(0.9).withNesterov());
        });
    }

    /** A tiny torchvision ResNet with seeded, non-trivial gammas and betas (the same weights for every backend). */
    private static Model model(int depth) {
        Model model = ResNet.build(ResNets.torchvisionConfig(depth).withBaseWidth(4).withClasses(10)
                .withInputSize(64, 64));
        Random random = new Random(depth * 101L);
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            if (name.endsWith("/gamma")) {
                for (int i = 0; i < d.length; i++) {
                    d[i] = 0.5f + random.nextFloat();
                }
            } else if (name.endsWith("/beta")) {
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (random.nextGaussian() * 0.1);
                }
            }
        }
        return model;
    }
}
