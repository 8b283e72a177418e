package org.resnet4j.models.resnet;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.DiscoveredProvider;

/** The training goldens (tiny ResNet-18 and -50: gradients, moving statistics, SGD and Adam steps) on "nd4j". */
class Nd4jTrainingGoldenTest implements TorchvisionTrainingGoldenContract {
    @Override
    public BackendProvider provider() {
        return DiscoveredProvider.named("nd4j");
    }
}
