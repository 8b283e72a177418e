package org.resnet4j.models.resnet;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.resnet4j.BackendUnavailableException;
import org.resnet4j.Backends;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;

/**
 * The torchvision goldens on a backend found by name through {@link Backends}, as a user would find it: the models
 * module never names a backend class. Each test skips with the discovery's reason when the backend cannot run here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BackendGoldenTest extends TorchvisionGoldenContract {
    private final String backendName;
    private Backend backend;
    private String unavailableReason;

    BackendGoldenTest(String backendName) {
        this.backendName = backendName;
    }

    @Override
    protected Ops ops() {
        return backend().ops();
    }

    @Override
    protected CompiledModel compile(Model model) {
        return backend().compile(model);
    }

    private Backend backend() {
        if (backend == null && unavailableReason == null) {
            try {
                backend = Backends.get(backendName);
            } catch (BackendUnavailableException e) {
                unavailableReason = e.getMessage();
            }
        }
        assumeTrue(backend != null, () -> unavailableReason);
        return backend;
    }

    @AfterAll
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }
}
