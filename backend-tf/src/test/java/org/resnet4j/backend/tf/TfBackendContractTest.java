package org.resnet4j.backend.tf;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.BackendContract;

/** The TensorFlow backend against the contract every backend passes; skipped with the probe's reason where TF cannot run. */
class TfBackendContractTest implements BackendContract {
    @Override
    public BackendProvider provider() {
        return new TfBackendProvider();
    }
}
