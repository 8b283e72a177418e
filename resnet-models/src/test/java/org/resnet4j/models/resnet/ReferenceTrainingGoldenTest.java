package org.resnet4j.models.resnet;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.ReferenceBackendProvider;
import org.resnet4j.tck.ReferenceTrainingOps;

/**
 * The training goldens on the float32 reference ({@code ReferenceOps} + {@code ReferenceGradients}, each op's
 * output rounded to float32): the bar a float32 backend is held to is reachable by the oracle itself.
 */
class ReferenceTrainingGoldenTest implements TorchvisionTrainingGoldenContract {
    @Override
    public BackendProvider provider() {
        return new ReferenceBackendProvider("reference", ReferenceTrainingOps::new);
    }
}
