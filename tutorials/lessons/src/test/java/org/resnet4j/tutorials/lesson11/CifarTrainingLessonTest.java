package org.resnet4j.tutorials.lesson11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.tutorials.ConsoleCapture;
import org.resnet4j.tutorials.ToyDataFiles;

/**
 * Runs lesson 11's main class on toy CIFAR-10 binary files (the class is the bright quadrant) in a temporary
 * folder, at batch 8, and checks the recipe it prints, the side-by-side table and the projection.
 */
class CifarTrainingLessonTest {
    private static final int PER_FILE = 8;
    private static final int TRAIN = 32;
    private static final int BATCH = 8;
    private static final int EPOCHS = 2;

    @TempDir
    static Path dataDir;

    private static String out;

    @BeforeAll
    static void runLesson() throws Exception {
        ToyDataFiles.writeCifar(dataDir, PER_FILE, 16, 3);
        out = ConsoleCapture.stdout(() -> CifarTrainingLesson.main(new String[] {"--data-dir", dataDir.toString(),
            "--limit-train", String.valueOf(TRAIN), "--limit-test", "16", "--epochs", String.valueOf(EPOCHS),
            "--batch-size", String.valueOf(BATCH), "--depths", "8,14", "--probe-steps", "2"}));
    }

    @Test
    void data_isNormalisedPerChannel_andAugmentedWithCropAndFlip() {
        assertThat(out).contains("== 1. The data: cifar10 from " + dataDir)
                .contains("this run: 32 training images of [32, 32, 3], 16 test images")
                .contains("published for all 50,000: (0.4914, 0.4822, 0.4465)  std (0.2470, 0.2435, 0.2616)")
                .contains("augmentation: pad 4 pixels");
    }

    @Test
    void recipe_dividesTheRateByTenAt32kAnd48k_andCountsEpochsOverAllTrainingImages() {
        // 5 files of 8 records: 40 images, ceil(40 / 8) = 5 steps per epoch, 64,000 / 5 = 12,800 epochs.
        assertThat(out).contains("  iterations      0 .. 31,999: learning rate 0.1\n")
                .contains("  iterations 32,000 .. 47,999: learning rate 0.01\n")
                .contains("  iterations 48,000 .. 63,999: learning rate 0.001\n")
                .contains("all 40 training images in batches of 8: 5 steps per epoch, so 64,000 iterations take "
                        + "12800 epochs");
    }

    @Test
    void sideBySide_hasAColumnPerNetwork_sameParametersForPlainAndResidual() {
        assertThat(out).containsPattern("\nnetwork +plain-8 +plain-14 +resnet-8 +resnet-14\n");
        // Option A adds no weights, so plain and residual of one depth have the same count (lesson 8's arithmetic).
        String params = String.format(java.util.Locale.ROOT, "\nparams +%,d +%,d +%,d +%,d\n", cifarParameters(1),
                cifarParameters(2), cifarParameters(1), cifarParameters(2));
        assertThat(out).containsPattern(params);
        // 32 images in batches of 8 for 2 epochs: 8 iterations, one point each (window max(1, 8 / 10) = 1).
        Matcher rows = Pattern.compile("\n +(\\d+) +(\\S+) +(\\S+) +(\\S+) +(\\S+)(?=\n)").matcher(out);
        int count = 0;
        while (rows.find()) {
            count++;
            assertThat(Integer.parseInt(rows.group(1))).isEqualTo(count);
            for (int column = 2; column <= 5; column++) {
                assertThat(Double.parseDouble(rows.group(column))).isBetween(0.0, 100.0);
            }
        }
        assertThat(count).isEqualTo(TRAIN / BATCH * EPOCHS);
        Matcher test = Pattern.compile("\ntest \\(%\\) +(\\S+) +(\\S+) +(\\S+) +(\\S+)\n").matcher(out);
        assertThat(test.find()).isTrue();
        for (int column = 1; column <= 4; column++) {
            assertThat(Double.parseDouble(test.group(column))).isBetween(0.0, 100.0);
        }
        assertThat(out).containsPattern("\ns/step +\\S+ +\\S+ +\\S+ +\\S+\n");
    }

    @Test
    void projection_multipliesTheTimedStepBy64000() {
        Matcher m = Pattern.compile("2 steps of batch 8 timed, (\\S+) s per step \\(the first left out\\)\n"
                + "64,000 iterations x \\S+ s = (\\S+) hours").matcher(out);
        assertThat(m.find()).isTrue();
        double perStep = Double.parseDouble(m.group(1));
        // both figures are printed rounded: the step to 0.001 s (up to 0.0005 s off, 64,000 times), the hours to 0.1
        assertThat(Double.parseDouble(m.group(2))).isCloseTo(perStep * 64_000 / 3600,
                within(0.05 + 0.0005 * 64_000 / 3600 + 1e-9));
        assertThat(out).contains(String.format(java.util.Locale.ROOT, "%,d trainable parameters", cifarParameters(3)));
    }

    /**
     * Trainable parameters of the option-A CIFAR network with {@code n} blocks per stage, counted layer by layer:
     * stem 3x3x3x16 and BN(16); per stage n blocks of two 3x3 convolutions and two BNs, the first convolution of
     * stages 2 and 3 fed half the width; the dense layer 64 x 10 + 10. The plain network has the same layers.
     */
    static long cifarParameters(int n) {
        long stage1 = n * (2L * 9 * 16 * 16 + 4 * 16);
        long stage2 = 9L * 16 * 32 + 9L * 32 * 32 + 4 * 32 + (n - 1) * (2L * 9 * 32 * 32 + 4 * 32);
        long stage3 = 9L * 32 * 64 + 9L * 64 * 64 + 4 * 64 + (n - 1) * (2L * 9 * 64 * 64 + 4 * 64);
        return 9 * 3 * 16 + 2 * 16 + stage1 + stage2 + stage3 + 64 * 10 + 10;
    }
}
