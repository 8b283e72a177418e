package org.resnet4j.backend.jcuda;

import org.junit.jupiter.api.AfterAll;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.BackendContract;

/**
 * The backend contract on the GPU: every primitive against the reference ops. Where no GPU is usable (this
 * machine, CI) every test skips with the probe's reason, for example "libcuda.so.1 not found (no NVIDIA driver)".
 */
class CudaBackendContractTest implements BackendContract {
    private Backend backend;

    // Created on first use rather than in a field initialiser or @BeforeAll: an assumption that fails while the
    // instance or the class is set up makes surefire report "Tests run: 0", hiding the reason. Failing per test
    // (through the contract's @BeforeEach) reports every test as skipped with the probe's reason.
    @Override
    public Backend backend() {
        if (backend == null) {
            backend = BackendContract.createOrSkip(new CudaBackendProvider());
        }
        return backend;
    }

    @Override
    public BackendProvider provider() {
        return new CudaBackendProvider();
    }

    @AfterAll
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }
}
