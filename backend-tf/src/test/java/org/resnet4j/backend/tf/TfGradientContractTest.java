package org.resnet4j.backend.tf;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.GradientContract;

/** The TensorFlow backend's backward primitives (eager) against the contract kit's oracle. */
class TfGradientContractTest implements GradientContract {
    @Override
    public BackendProvider provider() {
        return new TfBackendProvider();
    }
}
