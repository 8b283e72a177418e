package org.resnet4j.backend.tf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tck.TrainingRun;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.training.Adam;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.Sgd;

/**
 * The training step traced into one TensorFlow graph ({@link TfTrainingStep}) and replayed batch after batch must
 * leave every parameter (moving statistics included) where the same steps on the eager tape leave it.
 */
class TfTrainingStepTest {
    private static final int BATCH = 4;
    private static final int[] LABELS = {0, 3, 1, 2};
    private static final int STEPS = 3;

    @Test
    void graphStep_threeAdamSteps_equalsEagerSteps() {
        assertGraphEqualsEager("Adam", () -> Adam.of().withLearningRate(0.01).withWeightDecay(0.01));
    }

    @Test
    void graphStep_threeNesterovSgdSteps_equalsEagerSteps() {
        assertGraphEqualsEager("SGD", () -> Sgd.of(0.05).withMomentum(0.9).withNesterov());
    }

    private static void assertGraphEqualsEager(String what, Supplier<Optimizer> optimizer) {
        Model model = ContractModels.smallTrainingNet();
        HostTensor images = HostTensor.gaussian(Shape.of(BATCH, 12, 10, 3), 7);
        Map<String, HostTensor> eager;
        try (TfBackend backend = new TfBackend()) {
            eager = TrainingRun.run(backend.ops(), model, images, LABELS, STEPS, optimizer.get());
        }
        Map<String, HostTensor> expected = new LinkedHashMap<>();
        eager.forEach((name, value) -> {
            if (name.startsWith("after ")) {
                expected.put(name.substring(name.indexOf(": ") + 2), value);
            }
        });
        float[] oneHot = new float[BATCH * 4];
        for (int i = 0; i < BATCH; i++) {
            oneHot[i * 4 + LABELS[i]] = 1f;
        }
        try (TfTrainingStep step = new TfTrainingStep(model, BATCH, optimizer.get())) {
            for (int i = 0; i < STEPS; i++) {
                step.run(images, HostTensor.of(Shape.of(BATCH, 4), oneHot));
            }
            TrainingRun.assertSameRun(what + " steps in one graph vs eager", step.parameters(), expected, 1e-5);
        }
    }
}
