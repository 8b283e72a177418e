package org.resnet4j.backend.nd4j;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.GradientContract;

/** The ND4J backend's backward primitives against the oracle; skipped with the probe's reason where ND4J cannot run. */
class Nd4jGradientContractTest implements GradientContract {
    @Override
    public BackendProvider provider() {
        return new Nd4jBackendProvider();
    }
}
