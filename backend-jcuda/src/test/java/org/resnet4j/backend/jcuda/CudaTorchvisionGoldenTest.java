package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.tck.TorchvisionFixtures;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;

/**
 * The compiled GPU plan against torchvision's outputs (fixtures computed in float64 by PyTorch): relative L2 error
 * below 1e-4, the bound the fixtures' README sets. Skips with the probe's reason without a GPU.
 */
class CudaTorchvisionGoldenTest {
    private static Availability availability;
    private static CudaBackend backend;

    @BeforeAll
    static void start() {
        availability = new CudaBackendProvider().probe();
        if (availability.available()) {
            backend = (CudaBackend) new CudaBackendProvider().create();
        }
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @BeforeEach
    void requireGpu() {
        assumeTrue(availability.available(), "jcuda backend unavailable: " + availability.reason());
    }

    private static void check(Model model, String fixture) throws Exception {
        TorchStyleResNet.load(model, TorchvisionFixtures.read(fixture + ".weights.safetensors").floatTensors());
        Map<String, HostTensor> io = TorchvisionFixtures.read(fixture + ".io.safetensors").floatTensors();
        HostTensor expected = io.get("output");
        try (CompiledModel compiled = backend.compile(model)) {
            HostTensor actual = compiled.predict(io.get("input"));
            assertThat(actual.shape()).isEqualTo(expected.shape());
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < actual.size(); i++) {
                double d = actual.data()[i] - expected.data()[i];
                diff += d * d;
                norm += (double) expected.data()[i] * expected.data()[i];
            }
            double relative = Math.sqrt(diff / norm);
            System.out.printf("golden %s: relative L2 error %.3g%n", fixture, relative);
            assertThat(relative).as(fixture + " relative L2 error").isLessThan(1e-4);
        }
    }

    @Test
    void stem_matchesTorchvision() throws Exception {
        check(TorchStyleResNet.stem(33, 8), "stem");
    }

    @Test
    void tinyResNet18_matchesTorchvision() throws Exception {
        check(TorchStyleResNet.build("tiny_resnet18", 64, false, new int[] {2, 2, 2, 2}, 8, 10), "tiny_resnet18");
    }

    @Test
    void tinyResNet50_matchesTorchvision() throws Exception {
        check(TorchStyleResNet.build("tiny_resnet50", 64, true, new int[] {3, 4, 6, 3}, 8, 10), "tiny_resnet50");
    }
}
