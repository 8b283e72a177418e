package org.resnet4j.backend.tf;

import org.junit.jupiter.api.AfterAll;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.BackendContract;

/** The TensorFlow backend against the contract every backend passes; skipped with the probe's reason where TF cannot run. */
class TfBackendContractTest implements BackendContract {
    private final Backend backend = BackendContract.createOrSkip(new TfBackendProvider());

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public BackendProvider provider() {
        return new TfBackendProvider();
    }

    @AfterAll
    void closeBackend() {
        backend.close();
    }
}
