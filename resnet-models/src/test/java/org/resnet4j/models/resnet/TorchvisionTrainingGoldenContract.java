package org.resnet4j.models.resnet;

import org.junit.jupiter.api.Test;
import org.resnet4j.models.resnet.TorchvisionTrainingGoldenTest.Golden;
import org.resnet4j.models.resnet.TorchvisionTrainingGoldenTest.Precision;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.tck.BackendUnderTest;

/**
 * PyTorch's float64 training goldens ({@link TorchvisionTrainingGoldenTest}) on a backend's own ops and backward
 * primitives: the loss, logits, every parameter gradient and the moving statistics of the tiny ResNet-18 and
 * ResNet-50 after one training-mode pass, and the tiny ResNet-18's parameters after two SGD (Nesterov) and three
 * Adam steps, each within {@link #tolerance(String)} relative L2 of PyTorch's. A backend joins as it joins
 * {@link TorchvisionGoldenContract}: a test class that states its provider, found by name.
 */
interface TorchvisionTrainingGoldenContract extends BackendUnderTest {

    /**
     * The relative L2 error allowed per tensor of {@code network} ({@code tiny_resnet18}, {@code tiny_resnet50}):
     * the float32 bar, 1e-4, unless a backend states (and documents) a measured reason for another.
     */
    default double tolerance(String network) {
        return 1e-4;
    }

    private Precision precision(String network) {
        Ops ops = backend().ops();
        return new Precision(backend().name() + " backend", ops, GradientOps.require(ops), tolerance(network));
    }

    @Test
    default void tinyResNet18_lossGradientsAndMovingStatistics_matchPyTorch() {
        TorchvisionTrainingGoldenTest.compareGradientsAndStatistics(precision("tiny_resnet18"),
                Golden.load("tiny_resnet18", 18));
    }

    @Test
    default void tinyResNet50_lossGradientsAndMovingStatistics_matchPyTorch() {
        TorchvisionTrainingGoldenTest.compareGradientsAndStatistics(precision("tiny_resnet50"),
                Golden.load("tiny_resnet50", 50));
    }

    @Test
    default void tinyResNet18_sgdNesterovTwoSteps_matchPyTorch() {
        Precision p = precision("tiny_resnet18");
        TorchvisionTrainingGoldenTest.afterSteps(p, Golden.load("tiny_resnet18", 18),
                TorchvisionTrainingGoldenTest.sgd(), 2, "sgd").assertWithin("tiny_resnet18 after 2 SGD steps on the " + p.name(), p.tolerance());
    }

    @Test
    default void tinyResNet18_adamThreeSteps_matchPyTorch() {
        Precision p = precision("tiny_resnet18");
        TorchvisionTrainingGoldenTest.afterSteps(p, Golden.load("tiny_resnet18", 18),
                TorchvisionTrainingGoldenTest.pyTorchAdam(), 3, "adam").assertWithin(
                        "tiny_resnet18 after 3 Adam steps on the " + p.name(), p.tolerance());
    }
}
