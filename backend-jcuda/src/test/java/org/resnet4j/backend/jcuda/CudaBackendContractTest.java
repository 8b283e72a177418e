package org.resnet4j.backend.jcuda;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.BackendContract;

/**
 * The JCuda backend against the contract every backend passes, on the GPU. Where no GPU is usable (this machine,
 * CI) every test skips with the probe's reason, for example "libcuda.so.1 not found (no NVIDIA driver)".
 */
class CudaBackendContractTest implements BackendContract {
    @Override
    public BackendProvider provider() {
        return new CudaBackendProvider();
    }
}
