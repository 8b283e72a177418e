package org.resnet4j.backend.nd4j;

import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.BackendContract;

/** The ND4J backend runs the whole backend contract kit against {@code ReferenceOps}. */
class Nd4jBackendContractTest implements BackendContract {
    private final Backend backend = BackendContract.createOrSkip(new Nd4jBackendProvider());

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public BackendProvider provider() {
        return new Nd4jBackendProvider();
    }
}
