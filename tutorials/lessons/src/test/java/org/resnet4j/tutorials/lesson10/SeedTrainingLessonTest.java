package org.resnet4j.tutorials.lesson10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.tutorials.ConsoleCapture;
import org.resnet4j.tutorials.ToyDataFiles;

/**
 * Runs lesson 10's main class on a toy MNIST-format set (8x8 images whose class is the bright quadrant) written
 * into a temporary folder, and checks what it prints: the network's facts, the split, a falling loss, an accuracy
 * that is a fraction.
 */
class SeedTrainingLessonTest {
    private static final int TRAIN = 40;
    private static final int EPOCHS = 2;

    @TempDir
    static Path dataDir;

    private static String out;

    @BeforeAll
    static void runLesson() throws Exception {
        ToyDataFiles.writeIdx(dataDir, TRAIN, 40, 8, 1);
        out = ConsoleCapture.stdout(() -> SeedTrainingLesson.main(new String[] {"--data", "mnist", "--data-dir",
            dataDir.toString(), "--limit-train", String.valueOf(TRAIN), "--epochs", String.valueOf(EPOCHS),
            "--batch-size", "9"}));
    }

    @Test
    void data_isReadFromTheGivenFolder_scaledAsTheSeedDoes() {
        assertThat(out).contains("== 1. The data: mnist from " + dataDir)
                .contains("training set 40 images of [8, 8, 1], test set 40")
                .contains("this run uses the first 40 training images and the first 40 test images\n");
    }

    @Test
    void network_isTheSeedsWiring_countedFromTheGraph() {
        // 14,111,754 is what the seed's Keras code gives (resnet-models' seed_mnist_resnet18_counts.py); neither the
        // image size nor anything else here changes it, only the input channels and the classes would.
        assertThat(out).contains("14,111,754 parameters, 14,102,154 trainable; 20 convolutions and 1 dense layer")
                .contains("8 additions, every one with an identity shortcut")
                .contains("  conv2d (1 -> 64 channels, stride 1)\n  conv2d_5 (64 -> 128 channels, stride 2)\n"
                        + "  conv2d_10 (128 -> 256 channels, stride 2)\n  conv2d_15 (256 -> 512 channels, stride 2)\n")
                // One bias per filter: 5 convolutions of each width 64, 128, 256, 512.
                .contains(String.format("a bias (%,d in all)", 5 * (64 + 128 + 256 + 512)))
                .contains("momentum 0.99 and epsilon 0.001");
    }

    @Test
    void fit_holdsOutTheLastTenPercent_andTheLossFalls() {
        // Keras: floor(40 * 0.9) = 36 images train, the last 4 validate; 36 / 9 = 4 steps.
        assertThat(out).contains("training on the first 36 images, validating on the last 4 (held out before "
                + "shuffling), 4 steps per epoch");
        List<Double> losses = new ArrayList<>();
        Matcher m = Pattern.compile("\nepoch (\\d)/2: loss (\\S+)  accuracy (\\S+)  val_loss (\\S+)  val_accuracy "
                + "(\\S+)  \\(").matcher(out);
        while (m.find()) {
            losses.add(Double.parseDouble(m.group(2)));
            assertThat(Double.parseDouble(m.group(3))).isBetween(0.0, 1.0);
            assertThat(Double.parseDouble(m.group(5))).isBetween(0.0, 1.0);
        }
        assertThat(losses).hasSize(EPOCHS);
        assertThat(losses.get(EPOCHS - 1)).isLessThan(losses.get(0));
    }

    @Test
    void evaluate_printsTheTestAccuracyAsAFraction_andTheTimes() {
        Matcher m = Pattern.compile("test loss (\\S+), test accuracy (\\S+) \\(40 images").matcher(out);
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isPositive();
        assertThat(Double.parseDouble(m.group(2))).isBetween(0.0, 1.0);
        assertThat(out).containsPattern("whole run \\S+ s: fit \\S+ s \\(\\S+ s per training step of 9 images on ");
    }

    @Test
    void options_rejectAnUnknownDataSet() {
        assertThatThrownBy(() -> SeedRunOptions.parse("--data", "cifar10"))
                .hasMessage("Lesson 10 expects --data mnist or fashion-mnist. Received: cifar10");
        assertThat(SeedRunOptions.parse("--full")).isEqualTo(new SeedRunOptions("fashion-mnist", null,
                Integer.MAX_VALUE, Integer.MAX_VALUE, 10, 128, null, 42));
    }
}
