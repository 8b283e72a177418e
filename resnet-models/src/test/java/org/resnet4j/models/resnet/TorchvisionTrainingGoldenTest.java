package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.resnet4j.models.resnet.TrainingGoldens.Comparison;
import org.resnet4j.models.resnet.TrainingGoldens.Golden;
import org.resnet4j.tck.Float64Ops;
import org.resnet4j.training.Adam;

/**
 * PyTorch's float64 training goldens ({@link TrainingGoldens}) on the float64 reference ({@link Float64Ops}): the
 * loss, the logits, every parameter gradient, the moving statistics after the pass, and the parameters after SGD
 * (Nesterov), Adam and AdamW steps match PyTorch within 1e-6 relative L2 per tensor (the goldens are stored as
 * float32, whose rounding is about 1e-7). The float32 runs, on the reference and on each backend that trains, are
 * {@link TorchvisionTrainingGoldenContract}'s.
 */
class TorchvisionTrainingGoldenTest {
    private static final double FLOAT64_TOLERANCE = 1e-6;
    private static final Float64Ops OPS = new Float64Ops();

    @Test
    void tinyResNet18_float64_lossGradientsAndMovingStatistics_matchPyTorch() {
        TrainingGoldens.gradientsAndStatistics(OPS, OPS, Golden.load("tiny_resnet18", 18))
                .assertWithin("tiny_resnet18 loss, gradients and moving statistics in float64", FLOAT64_TOLERANCE);
    }

    @Test
    void tinyResNet50_float64_lossGradientsAndMovingStatistics_matchPyTorch() {
        TrainingGoldens.gradientsAndStatistics(OPS, OPS, Golden.load("tiny_resnet50", 50))
                .assertWithin("tiny_resnet50 loss, gradients and moving statistics in float64", FLOAT64_TOLERANCE);
    }

    @Test
    void tinyResNet18_float64_sgdNesterovTwoSteps_andAdamThreeSteps_matchPyTorch() {
        Golden golden = Golden.load("tiny_resnet18", 18);
        TrainingGoldens.afterSteps(OPS, OPS, golden, TrainingGoldens.sgd(), 2, "sgd")
                .assertWithin("tiny_resnet18 after 2 SGD steps in float64", FLOAT64_TOLERANCE);
        TrainingGoldens.afterSteps(OPS, OPS, golden, TrainingGoldens.pyTorchAdam(), 3, "adam")
                .assertWithin("tiny_resnet18 after 3 Adam steps in float64", FLOAT64_TOLERANCE);
    }

    @Test
    void tinyResNet18_adamWithDecoupledWeightDecay_matchesPyTorchAdamW() {
        TrainingGoldens.afterSteps(OPS, OPS, Golden.load("tiny_resnet18", 18),
                TrainingGoldens.pyTorchAdam().withWeightDecay(0.1), 3, "adamw")
                .assertWithin("tiny_resnet18 after 3 AdamW steps", FLOAT64_TOLERANCE);
    }

    @Test
    void tinyResNet50_float64_sgdNesterovTwoSteps_andAdamThreeSteps_matchPyTorch() {
        Golden golden = Golden.load("tiny_resnet50", 50);
        TrainingGoldens.afterSteps(OPS, OPS, golden, TrainingGoldens.sgd(), 2, "sgd")
                .assertWithin("tiny_resnet50 after 2 SGD steps", FLOAT64_TOLERANCE);
        TrainingGoldens.afterSteps(OPS, OPS, golden, TrainingGoldens.pyTorchAdam(), 3, "adam")
                .assertWithin("tiny_resnet50 after 3 Adam steps", FLOAT64_TOLERANCE);
    }

    /** The goldens can tell the epsilon forms apart: Keras' form, right for Keras, is wrong against PyTorch. */
    @Test
    void adamInKerasEpsilonForm_divergesFromPyTorchsSteps() {
        Comparison keras = TrainingGoldens.afterSteps(OPS, OPS, Golden.load("tiny_resnet18", 18),
                Adam.of().withLearningRate(0.01).withEpsilon(1e-3), 3, "adam");
        assertThat(keras.diverging(FLOAT64_TOLERANCE)).hasSizeGreaterThan(10);
    }
}
