package org.resnet4j.models.resnet;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.DiscoveredProvider;

/** The torchvision goldens (every block kind, the stem, tiny ResNet-18 and -50) on the "jcuda" backend. */
class CudaGoldenTest implements TorchvisionGoldenContract {
    @Override
    public BackendProvider provider() {
        return DiscoveredProvider.named("jcuda");
    }
}
