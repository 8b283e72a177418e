package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnet4j.Backends;
import org.resnet4j.data.Dataset;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Softmax;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.fit.FitOptions;
import org.resnet4j.training.fit.History;
import org.resnet4j.training.fit.Trainer;

/**
 * {@code fit} on each CPU backend: a few steps of a tiny CIFAR ResNet (depth 8, option B) and the training loss goes
 * down. (Option A's {@code ZeroPadShortcut} cannot train yet: it closes the kernel it uploads, which the tape's
 * convolution backward still reads.)
 */
class FitOnBackendsTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nd4j", "tf"})
    void fit_aTinyResNetForAFewSteps_lowersTheLoss(String name) {
        BackendProvider provider = Backends.providers().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow();
        Availability availability = provider.probe();
        assumeTrue(availability.available(), () -> name + " cannot run here: " + availability.reason());
        Model model = ResNets.cifar(8, CifarShortcut.B_PROJECTION).initialize(3);
        CategoricalCrossentropy loss = model.outputs().get(0).layer() instanceof Softmax
                ? CategoricalCrossentropy.of() : CategoricalCrossentropy.fromLogits();
        // 16 random 32x32x3 images with random labels: memorising them is a learnable problem
        Random random = new Random(5);
        float[] images = new float[16 * 32 * 32 * 3];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        int[] labels = random.ints(16, 0, 10).toArray();
        Dataset data = Dataset.of("random", model.inputs().get(0).shape(), images, labels, 10);
        try (Backend backend = Backends.get(name);
                Trainer trainer = Trainer.compile(model, backend, loss, Adam.of().withLearningRate(0.01),
                        Accuracy.of())) {
            History history = trainer.fit(data, FitOptions.of().withBatchSize(8).withEpochs(4));
            List<Double> losses = history.get("loss");
            assertThat(losses).hasSize(4).allMatch(Double::isFinite);
            assertThat(losses.get(3)).as("loss after 8 steps, on %s: %s", name, losses).isLessThan(losses.get(0));
        }
    }
}
