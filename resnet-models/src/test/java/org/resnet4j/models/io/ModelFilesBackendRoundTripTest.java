package org.resnet4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.resnet4j.Backends;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;

/**
 * A model saved with {@link ModelFiles} and loaded back computes, on every backend found on the classpath, exactly what
 * the original computes on that backend, and what the plain-loop {@code ReferenceOps} compute for the original. A
 * backend that cannot run here is reported as skipped with its probe's reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelFilesBackendRoundTripTest {
    /** float32 on another engine (summation order, fused kernels) stays far below this; a wiring bug does not. */
    private static final double REFERENCE_TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    private final Map<String, Backend> backends = new HashMap<>();
    private final Map<String, Model[]> originalAndLoaded = new HashMap<>();
    private final Map<String, List<HostTensor>> referenceOutputs = new HashMap<>();

    static Stream<Arguments> modelsAndBackends() {
        List<Arguments> cases = new ArrayList<>();
        for (String model : SavedModels.runnable().keySet()) {
            for (BackendProvider p : Backends.providers()) {
                cases.add(Arguments.of(model, p.name()));
            }
        }
        return cases.stream();
    }

    @Test
    void theBackendsOfThisModule_areAllDiscovered() {
        assertThat(Backends.providers()).extracting(BackendProvider::name).contains("tf", "nd4j", "jcuda");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndBackends")
    void savedThenLoaded_computesWhatTheOriginalComputes(String modelName, String backendName) {
        Backend backend = backend(backendName);
        Model[] models = originalAndLoaded(modelName);
        HostTensor input = SavedModels.input(models[0], 7);

        List<HostTensor> original = run(backend, models[0], input);
        List<HostTensor> loaded = run(backend, models[1], input);
        List<HostTensor> reference = referenceOutputs.computeIfAbsent(modelName,
                k -> run(new ReferenceBackend(), models[0], input));

        assertThat(loaded).hasSameSizeAs(original);
        for (int i = 0; i < original.size(); i++) {
            assertThat(loaded.get(i).shape()).isEqualTo(original.get(i).shape());
            // Same backend, same graph, bit-identical weights: the same numbers, not merely close ones.
            assertThat(loaded.get(i).data()).as("output %d on %s", i, backendName)
                    .containsExactly(original.get(i).data());
            assertThat(TensorComparison.relativeL2Error(loaded.get(i), reference.get(i)))
                    .as("output %d on %s against ReferenceOps", i, backendName)
                    .isLessThanOrEqualTo(REFERENCE_TOLERANCE);
        }
    }

    private Backend backend(String name) {
        BackendProvider provider = Backends.providers().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow();
        Availability availability = provider.probe();
        assumeTrue(availability.available(), () -> name + " cannot run here: " + availability.reason());
        return backends.computeIfAbsent(name, Backends::get);
    }

    private Model[] originalAndLoaded(String modelName) {
        return originalAndLoaded.computeIfAbsent(modelName, k -> {
            Model original = SavedModels.seeded(SavedModels.runnable().get(k).get(), 2024);
            Path file = dir.resolve(originalAndLoaded.size() + ".safetensors");
            ModelFiles.save(original, file);
            return new Model[] {original, ModelFiles.load(file)};
        });
    }

    private static List<HostTensor> run(Backend backend, Model model, HostTensor input) {
        try (CompiledModel compiled = backend.compile(model)) {
            return compiled.predictAll(input);
        }
    }

    @AfterAll
    void closeBackends() {
        backends.values().forEach(Backend::close);
    }

}
