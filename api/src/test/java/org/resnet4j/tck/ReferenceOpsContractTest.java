package org.resnet4j.tck;

import org.resnet4j.spi.BackendProvider;

/** The oracle passes its own contract (a sanity check of the kit: every contract test must be satisfiable). */
class ReferenceOpsContractTest implements BackendContract {
    @Override
    public BackendProvider provider() {
        return new ReferenceBackendProvider();
    }
}
