package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.Backends;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.BackendProvider;

/** {@code resnet4j parity}: every layer of every pair of available backends, as a table and as a PNG. */
class ParityCommandTest {
    private static final Pattern ROW = Pattern.compile(
            "(?m)^\\s*(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+\\[[\\d, ]+\\]((?:\\s+\\S+ +/ +\\S+)+)$");

    @TempDir
    Path dir;

    @Test
    void comparesEveryLayerOfEveryPair_andDrawsTheChart() throws Exception {
        Path chart = dir.resolve("parity.png");

        Cli.Result r = Cli.run("parity", "--model", "resnet18", "--input", "32", "--chart", chart.toString());

        assertThat(r.exitCode()).as(r.both()).isZero();
        long available = Backends.providers().stream().filter(p -> p.probe().available()).count();
        long pairs = available * (available - 1) / 2;
        for (BackendProvider p : Backends.providers()) {
            if (!p.probe().available()) {
                assertThat(r.out()).contains(p.name() + " ").contains("skipped: " + p.probe().reason());
            }
        }
        assertThat(r.out()).contains("tf vs nd4j");
        // One row per layer that is not an input; each with pairs x (max |d|, relative L2), all small.
        Model model = ModelResolver.resolve("resnet18", null, 32);
        long layers = model.nodes().stream().filter(n -> !(n.layer() instanceof Input)).count();
        Matcher m = ROW.matcher(r.out());
        int rows = 0;
        while (m.find()) {
            rows++;
            assertThat(m.group(1)).isEqualTo(Integer.toString(rows));
            String[] numbers = m.group(4).trim().split("[\\s/]+");
            assertThat(numbers).hasSize((int) (2 * pairs));
            for (String n : numbers) {
                assertThat(Double.parseDouble(n)).as(m.group()).isLessThan(1e-3);
            }
        }
        assertThat(rows).as(r.out()).isEqualTo((int) layers);
        assertThat(r.out()).containsPattern("tf vs nd4j: largest relative L2 error \\S+ at layer \\d+ \\w+; "
                + "compiled outputs: max\\|d\\| \\S+, relative L2 \\S+");

        BufferedImage png = ImageIO.read(chart.toFile());
        assertThat(png).as("a PNG that ImageIO can read").isNotNull();
        assertThat(png.getWidth()).isEqualTo(ParityChart.WIDTH);
        assertThat(png.getHeight()).isEqualTo(ParityChart.HEIGHT);
    }

    @Test
    void cifarNetworks_runAtTheirOwnSize_withoutAnInputOption() throws Exception {
        Cli.Result r = Cli.run("parity", "--model", "cifar-resnet20", "--chart", dir.resolve("c.png").toString());

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).contains("input [1, 32, 32, 3]");
    }

    @Test
    void badBatch_isAUsageError() throws Exception {
        Cli.Result r = Cli.run("parity", "--model", "resnet18", "--batch", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).isEqualTo("--batch expects at least 1. Received: 0");
    }
}
