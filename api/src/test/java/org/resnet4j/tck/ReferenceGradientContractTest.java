package org.resnet4j.tck;

import org.resnet4j.spi.BackendProvider;

/** The oracle passes its own gradient contract (every test of the contract can be satisfied). */
class ReferenceGradientContractTest implements GradientContract {
    @Override
    public BackendProvider provider() {
        return new ReferenceBackendProvider("reference", ReferenceTrainingOps::new);
    }
}
