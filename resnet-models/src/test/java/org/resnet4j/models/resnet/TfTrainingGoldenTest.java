package org.resnet4j.models.resnet;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.DiscoveredProvider;

/**
 * The training goldens (tiny ResNet-18 and -50: gradients, moving statistics, SGD and Adam steps) on "tf"'s eager
 * ops. Measured largest errors (docs/training.md): ResNet-18 7.7e-6 with TensorFlow's oneDNN kernels (the default),
 * 1.9e-5 with {@code TF_ENABLE_ONEDNN_OPTS=0}; the ResNet-50's pass 2.1e-4 and 5.6e-4, inside its 1e-3 bar.
 */
class TfTrainingGoldenTest implements TorchvisionTrainingGoldenContract {
    @Override
    public BackendProvider provider() {
        return DiscoveredProvider.named("tf");
    }
}
