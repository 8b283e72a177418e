package org.resnet4j.backend.jcuda;

import org.junit.jupiter.api.AfterAll;
import org.resnet4j.spi.Backend;
import org.resnet4j.tck.BackendContract;

/**
 * The backend contract on the GPU: every primitive against the reference ops. Where no GPU is usable (this
 * machine, CI) every test skips with the probe's reason, for example "libcuda.so.1 not found (no NVIDIA driver)".
 */
class CudaBackendContractTest implements BackendContract {
    private final Backend backend = BackendContract.createOrSkip(new CudaBackendProvider());

    @Override
    public Backend backend() {
        return backend;
    }

    @AfterAll
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }
}
