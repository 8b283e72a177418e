package org.resnet4j.models.resnet;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.DiscoveredProvider;

/**
 * PyTorch's training goldens (gradients, moving statistics, SGD and Adam steps) on the "tf" backend's eager ops.
 * The tiny ResNet-18 meets the 1e-4 bar; the tiny ResNet-50's gradients do not: measured 2.1e-4 with
 * TensorFlow's oneDNN kernels (the default) and 5.6e-4 with {@code TF_ENABLE_ONEDNN_OPTS=0}, where the float32
 * reference (every op rounded once from float64) already needs 9.2e-5: float32 rounding amplified through many
 * batch norms with 8 values per channel. It is held to 1e-3 (see docs/training.md).
 */
class TfTrainingGoldenTest implements TorchvisionTrainingGoldenContract {
    @Override
    public BackendProvider provider() {
        return DiscoveredProvider.named("tf");
    }

    @Override
    public double tolerance(String network) {
        return network.equals("tiny_resnet50") ? 1e-3 : 1e-4;
    }
}
