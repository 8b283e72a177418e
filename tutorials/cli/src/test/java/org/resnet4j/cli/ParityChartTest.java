package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.tensor.Shape;

/** The chart is a readable PNG whose lines are drawn, whatever the errors: zero, tiny, infinite or not a number. */
class ParityChartTest {
    @TempDir
    Path dir;

    @Test
    void drawsOneColouredLinePerPair_evenWithZeroNanAndInfiniteErrors() throws Exception {
        List<LayerError> first = new ArrayList<>();
        List<LayerError> second = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            double e = i < 10 ? 0 : Math.pow(10, -8 + i / 10.0);
            first.add(new LayerError(i, "layer" + i, "Conv2D", Shape.of(1, 4), e, e));
            double odd = i == 20 ? Double.NaN : i == 21 ? Double.POSITIVE_INFINITY : e * 3;
            second.add(new LayerError(i, "layer" + i, "Conv2D", Shape.of(1, 4), odd, odd));
        }
        Path file = dir.resolve("chart.png");

        ParityChart.write(file, "test chart", List.of(new PairComparison("tf", "nd4j", first, 0, 0),
                new PairComparison("tf", "jcuda", second, 0, 0)));

        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(ParityChart.WIDTH);
        assertThat(count(png, new Color(0x1f77b4))).as("pixels of the first series").isGreaterThan(200);
        assertThat(count(png, new Color(0xd62728))).as("pixels of the second series").isGreaterThan(200);
    }

    private static int count(BufferedImage image, Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == color.getRGB() - 0xff000000) {
                    n++;
                }
            }
        }
        return n;
    }
}
