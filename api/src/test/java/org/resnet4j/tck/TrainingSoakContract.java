package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.resnet4j.data.Dataset;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.Shape;
import org.resnet4j.training.Adam;
import org.resnet4j.training.SparseCategoricalCrossentropy;
import org.resnet4j.training.fit.Callback;
import org.resnet4j.training.fit.EpochLogs;
import org.resnet4j.training.fit.FitOptions;
import org.resnet4j.training.fit.Trainer;

/**
 * Leak check for training, not part of the default run (tag {@code soak}): 2,000 training steps through
 * {@code Trainer.fit} (the backend's own training step when it has one) after 200 steps of warm-up must keep the
 * resident set within 5 % of its size after the warm-up. Heap growth would look like a leak, so run it in a JVM whose
 * heap is fixed and pre-touched, for example
 * {@code mvn -B -pl backend-nd4j -am verify -Dgroups=soak -DexcludedGroups=none -Dresnet4j.test.excludedGroups=none
 * -Dtest='*TrainingSoakTest' -Dsurefire.failIfNoSpecifiedTests=false
 * "-DargLine=-Xms512m -Xmx512m -XX:+AlwaysPreTouch"}; {@code -Dresnet4j.soak.steps=N} sets another count.
 */
public interface TrainingSoakContract extends BackendUnderTest {
    /** Steps before the resident set is first measured: pools filled, graphs traced, code compiled. */
    int WARM_UP_STEPS = 200;
    /** Images per step and per epoch: 4 steps an epoch. */
    int BATCH = 16;
    int SAMPLES = 64;

    @Test
    @Tag("soak")
    default void twoThousandTrainingSteps_keepTheResidentSetWithinFivePercent() {
        assumeTrue(Files.isReadable(ResidentSet.STATUS),
                "the resident set is read from /proc/self/status, which only Linux has");
        int steps = Integer.getInteger("resnet4j.soak.steps", 2_000);
        Model model = ContractModels.smallTrainingNet();
        Random random = new Random(18);
        float[] images = new float[SAMPLES * 12 * 10 * 3];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        int[] labels = random.ints(SAMPLES, 0, 4).toArray();
        Dataset data = Dataset.of("soak", Shape.of(12, 10, 3), images, labels, 4);
        int warmUpEpochs = WARM_UP_STEPS / (SAMPLES / BATCH);
        int epochs = warmUpEpochs + steps / (SAMPLES / BATCH);
        Callback report = new Callback() {
            @Override
            public void onEpochEnd(Trainer trainer, EpochLogs logs) {
                if (logs.epoch() % 100 == 0) {
                    System.out.printf("resnet4j soak: %s, %d steps, VmRSS %d KiB, loss %.4f%n", trainer.model().name(),
                            trainer.iterations(), ResidentSet.kib(), logs.get("loss"));
                }
            }
        };
        try (Adam adam = Adam.of();
                Trainer trainer = Trainer.compile(model, backend(), SparseCategoricalCrossentropy.fromLogits(), adam)) {
            FitOptions options = FitOptions.of().withBatchSize(BATCH).withCallbacks(report);
            trainer.fit(data, options.withEpochs(warmUpEpochs));
            System.gc();
            long before = ResidentSet.kib();
            trainer.fit(data, options.withInitialEpoch(warmUpEpochs).withEpochs(epochs));
            System.gc();
            long after = ResidentSet.kib();
            System.out.printf("resnet4j soak: VmRSS %d KiB after %d warm-up steps, %d KiB after %d more (%+.1f %%)%n",
                    before, WARM_UP_STEPS, after, steps, 100.0 * (after - before) / before);
            assertThat(trainer.iterations()).as("training steps taken").isEqualTo(WARM_UP_STEPS + steps);
            assertThat(after - before).as("VmRSS growth in KiB over %d training steps (before: %d KiB)", steps, before)
                    .isLessThan(before / 20);
        }
    }
}
