package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training-curves PNG: a real PNG whose panels hold the series they name, drawn the right way up. */
class TrainingChartTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void write_makesAPngOfTheStatedSize_withBothSeriesInBothPanels() throws Exception {
        Path file = dir.resolve("curves.png");

        TrainingChart.write(file, "mnist-resnet18 on fashion-mnist", tenEpochs());

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(PNG_SIGNATURE);
        assertThat(bytes.length).as("a chart, not an empty image").isGreaterThan(5_000);
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(TrainingChart.WIDTH);
        assertThat(png.getHeight()).isEqualTo(TrainingChart.HEIGHT);
        for (int panel = 0; panel < 2; panel++) {
            Rectangle area = TrainingChart.plotArea(panel);
            assertThat(pixels(png, TrainingChart.TRAIN_COLOUR, area)).as("training pixels in panel %d", panel)
                    .isGreaterThan(300);
            assertThat(pixels(png, TrainingChart.VALIDATION_COLOUR, area)).as("validation pixels in panel %d", panel)
                    .isGreaterThan(300);
        }
        assertThat(Files.list(dir)).as("no temporary file left beside the chart").containsExactly(file);
    }

    @Test
    void write_drawsAFallingLossDownwards_andARisingAccuracyUpwards() throws Exception {
        Path file = dir.resolve("curves.png");

        TrainingChart.write(file, "directions", tenEpochs());

        BufferedImage png = ImageIO.read(file.toFile());
        Rectangle loss = TrainingChart.plotArea(0);
        Rectangle accuracy = TrainingChart.plotArea(1);
        // Image rows grow downwards: a falling curve ends lower on screen, at a larger row. The loss falls from 1.2
        // to 0.12 on an axis of 0 .. 1.5 and the accuracy rises from 0.5 to 0.95 on 0.4 .. 1.0, so both ends lie
        // more than half a panel (140 rows) apart.
        assertThat(meanRow(png, TrainingChart.TRAIN_COLOUR, firstEpoch(loss)))
                .isLessThan(meanRow(png, TrainingChart.TRAIN_COLOUR, lastEpoch(loss)) - 140);
        assertThat(meanRow(png, TrainingChart.TRAIN_COLOUR, firstEpoch(accuracy)))
                .isGreaterThan(meanRow(png, TrainingChart.TRAIN_COLOUR, lastEpoch(accuracy)) + 140);
    }

    @Test
    void write_withoutValidation_drawsNoValidationColour() throws Exception {
        Map<String, List<Double>> history = new LinkedHashMap<>(tenEpochs());
        history.remove("val_loss");
        history.remove("val_accuracy");
        Path file = dir.resolve("train-only.png");

        TrainingChart.write(file, "no validation split", history);

        BufferedImage png = ImageIO.read(file.toFile());
        for (int panel = 0; panel < 2; panel++) {
            Rectangle area = TrainingChart.plotArea(panel);
            assertThat(pixels(png, TrainingChart.TRAIN_COLOUR, area)).isGreaterThan(300);
            assertThat(pixels(png, TrainingChart.VALIDATION_COLOUR, area)).isZero();
        }
    }

    @Test
    void write_oneEpoch_flatValues_andANanLoss_stillDrawEveryFinitePoint() throws Exception {
        Map<String, List<Double>> history = new LinkedHashMap<>();
        history.put("loss", List.of(Double.NaN));
        history.put("accuracy", List.of(0.5));
        history.put("val_accuracy", List.of(0.5));
        Path file = dir.resolve("one.png");

        TrainingChart.write(file, "one epoch", history);

        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(pixels(png, TrainingChart.TRAIN_COLOUR, TrainingChart.plotArea(0))).as("a NaN is not drawn")
                .isZero();
        assertThat(pixels(png, TrainingChart.VALIDATION_COLOUR, TrainingChart.plotArea(1)))
                .as("the single validation point, drawn on top of the training one").isGreaterThan(10);
    }

    @Test
    void write_withNothingToDraw_namesWhatItReceived() {
        Map<String, List<Double>> history = Map.of("lr", List.of(0.1, 0.01));

        assertThatThrownBy(() -> TrainingChart.write(dir.resolve("x.png"), "empty", history))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TrainingChart expects at least one epoch").hasMessageContaining("[lr]");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    private static Map<String, List<Double>> tenEpochs() {
        List<Double> loss = new ArrayList<>();
        List<Double> valLoss = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        List<Double> valAccuracy = new ArrayList<>();
        for (int epoch = 1; epoch <= 10; epoch++) {
            loss.add(1.2 / epoch);
            valLoss.add(1.0 / epoch + 0.15);
            accuracy.add(1 - 0.5 / epoch);
            valAccuracy.add(0.97 - 0.55 / epoch);
        }
        Map<String, List<Double>> history = new LinkedHashMap<>();
        history.put("loss", loss);
        history.put("accuracy", accuracy);
        history.put("val_loss", valLoss);
        history.put("val_accuracy", valAccuracy);
        return history;
    }

    /** The columns of the first epoch's dot (epoch 1 is drawn on the left edge). */
    private static Rectangle firstEpoch(Rectangle area) {
        return new Rectangle(area.x + 1, area.y + 1, 3, area.height - 1);
    }

    /** The columns of the last epoch's dot (on the right edge). */
    private static Rectangle lastEpoch(Rectangle area) {
        return new Rectangle(area.x + area.width - 3, area.y + 1, 3, area.height - 1);
    }

    private static int pixels(BufferedImage image, Color colour, Rectangle area) {
        int n = 0;
        for (int y = area.y; y <= area.y + area.height; y++) {
            for (int x = area.x; x <= area.x + area.width; x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static double meanRow(BufferedImage image, Color colour, Rectangle area) {
        long sum = 0;
        int n = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
                    sum += y;
                    n++;
                }
            }
        }
        assertThat(n).as("pixels of the series in %s", area).isGreaterThan(0);
        return (double) sum / n;
    }
}
