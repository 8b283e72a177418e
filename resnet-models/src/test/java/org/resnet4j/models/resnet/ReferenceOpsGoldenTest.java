package org.resnet4j.models.resnet;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.ReferenceBackendProvider;
import org.resnet4j.tck.ReferenceOps;

/**
 * The torchvision goldens on {@link ReferenceOps}, the plain-loop oracle (its compile is the api's default: the
 * unfused model interpreted on the reference ops): proves the models wire what torchvision wires.
 */
class ReferenceOpsGoldenTest implements TorchvisionGoldenContract {
    @Override
    public BackendProvider provider() {
        return new ReferenceBackendProvider();
    }
}
