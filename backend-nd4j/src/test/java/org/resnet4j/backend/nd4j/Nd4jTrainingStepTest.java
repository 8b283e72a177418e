package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.training.Adam;
import org.resnet4j.training.SparseCategoricalCrossentropy;
import org.resnet4j.training.StepResult;
import org.resnet4j.training.TapeTrainingStep;
import org.resnet4j.training.TrainingStep;

/**
 * The backend's own training step ({@link Nd4jTrainingStep}: the tape over ops whose arrays come back to a pool)
 * against the generic tape step on the eager ops: the same primitives in the same order, so bit-identical results;
 * and its pool reaching a fixed size once every shape of a step has been seen, beyond its limit where a step needs
 * more.
 */
class Nd4jTrainingStepTest {
    private static Nd4jBackend backend;

    @BeforeAll
    static void start() {
        backend = new Nd4jBackend();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void trainingStep_threeAdamSteps_bitIdenticalToTheGenericStepOnTheEagerOps() {
        Model model = ContractModels.smallTrainingNet();
        HostTensor[] images = {images(1), images(2), images(3)};
        int[][] labels = {labels(1), labels(2), labels(3)};
        try (TrainingStep pooled = backend.trainingStep(model, SparseCategoricalCrossentropy.fromLogits(), Adam.of())
                    .orElseThrow();
                TrainingStep generic = TapeTrainingStep.on(backend.ops(), model,
                        SparseCategoricalCrossentropy.fromLogits(), Adam.of())) {
            assertThat(pooled).isInstanceOf(Nd4jTrainingStep.class);
            for (int i = 0; i < images.length; i++) {
                StepResult a = pooled.step(images[i], labels[i], i);
                StepResult b = generic.step(images[i], labels[i], i);
                assertThat(a.loss()).as("loss of step " + i).isEqualTo(b.loss());
                assertThat(a.predictions().data()).as("predictions of step " + i).isEqualTo(b.predictions().data());
            }
            assertSameTensors(pooled.weights(), generic.weights());
            assertSameTensors(pooled.optimizerState(), generic.optimizerState());
        }
    }

    @Test
    void trainingStep_repeatedSteps_poolStaysTheSameSizeFromTheSecondStep() {
        Model model = ContractModels.smallTrainingNet();
        try (Nd4jTrainingStep step = (Nd4jTrainingStep) backend.trainingStep(model,
                SparseCategoricalCrossentropy.fromLogits(), Adam.of()).orElseThrow()) {
            step.step(images(4), labels(4), 0);
            step.step(images(5), labels(5), 1);
            long afterSecond = step.pooledBytes();
            for (int i = 2; i < 6; i++) {
                step.step(images(4 + i), labels(4 + i), i);
            }
            assertThat(afterSecond).isPositive();
            assertThat(step.pooledBytes()).isEqualTo(afterSecond);
        }
    }

    @Test
    void trainingStep_whoseArraysExceedThePoolLimit_keepsThemAll_soLaterStepsAllocateNothing() {
        String configured = System.getProperty(Nd4jSettings.POOL_PROPERTY);
        System.setProperty(Nd4jSettings.POOL_PROPERTY, "1");
        try (Nd4jTrainingStep step = (Nd4jTrainingStep) backend.trainingStep(ContractModels.smallTrainingNet(),
                SparseCategoricalCrossentropy.fromLogits(), Adam.of()).orElseThrow()) {
            int batch = 512;
            step.step(images(batch, 20), labels(batch, 20), 0);
            step.step(images(batch, 21), labels(batch, 21), 1);
            long afterSecond = step.pooledBytes();
            step.step(images(batch, 22), labels(batch, 22), 2);

            assertThat(afterSecond).as("bytes pooled after two steps of 512 images, limit 1 MiB")
                    .isGreaterThan(1L << 20);
            assertThat(step.pooledBytes()).as("bytes pooled after the third step").isEqualTo(afterSecond);
        } finally {
            if (configured == null) {
                System.clearProperty(Nd4jSettings.POOL_PROPERTY);
            } else {
                System.setProperty(Nd4jSettings.POOL_PROPERTY, configured);
            }
        }
    }

    @Test
    void trainingStep_collectsGarbageAfterEveryNthStep_asItsScheduleSays() {
        Model model = ContractModels.smallTrainingNet();
        java.util.concurrent.atomic.AtomicInteger collections = new java.util.concurrent.atomic.AtomicInteger();
        try (Adam adam = Adam.of(); Nd4jTrainingStep step = new Nd4jTrainingStep(model,
                SparseCategoricalCrossentropy.fromLogits(), adam,
                new Nd4jGarbageSchedule(2, collections::incrementAndGet))) {
            for (int i = 0; i < 5; i++) {
                step.step(images(i), labels(i), i);
            }
            assertThat(collections.get()).as("collections after 5 steps, one every 2 steps").isEqualTo(2);
        }
    }

    private static void assertSameTensors(Map<String, HostTensor> actual, Map<String, HostTensor> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, tensor) -> assertThat(actual.get(name).data()).as(name).isEqualTo(tensor.data()));
    }

    private static HostTensor images(long seed) {
        return images(3, seed);
    }

    private static HostTensor images(int batch, long seed) {
        Random random = new Random(seed);
        Shape shape = Shape.of(batch, 12, 10, 3);
        float[] data = new float[shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return HostTensor.of(shape, data);
    }

    private static int[] labels(long seed) {
        return labels(3, seed);
    }

    private static int[] labels(int batch, long seed) {
        Random random = new Random(seed);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(4);
        }
        return labels;
    }
}
