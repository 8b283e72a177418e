package org.resnet4j.backend.nd4j;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.BackendContract;

/** The ND4J backend against the contract every backend passes; skipped with the probe's reason where ND4J cannot run. */
class Nd4jBackendContractTest implements BackendContract {
    @Override
    public BackendProvider provider() {
        return new Nd4jBackendProvider();
    }
}
