package org.resnet4j.tutorials.lesson09;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.Backends;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tutorials.ConsoleCapture;

/**
 * Runs lesson 9's main class. Times are never checked (they depend on the machine), only that each available backend
 * was timed and that the printed figures are consistent; the folding is checked against plain loops.
 */
class SpeedLessonTest {
    // Anchored per line: consecutive rows share no newline for a pattern to consume twice.
    private static final Pattern ROW = Pattern.compile("^(\\S+) +(\\S+) ms +(\\S+) ms +(\\S+) ms +(\\S+) ms +(\\S+) ms"
            + " +(\\S+) ms +(\\S+)$", Pattern.MULTILINE);
    private static String out;

    @BeforeAll
    static void runLesson() throws Exception {
        out = ConsoleCapture.stdout(() -> SpeedLesson.main(new String[0]));
    }

    @Test
    void timing_hasOneConsistentRowPerAvailableBackend_andNamesTheOthers() {
        for (BackendProvider p : Backends.providers()) {
            if (!p.probe().available()) {
                assertThat(out).contains(p.name() + ": not timed, unavailable here (" + p.probe().reason() + ")");
                continue;
            }
            Matcher m = ROW.matcher(out);
            boolean found = false;
            while (m.find()) {
                if (m.group(1).equals(p.name())) {
                    found = true;
                    double median = Double.parseDouble(m.group(5));
                    double min = Double.parseDouble(m.group(6));
                    double max = Double.parseDouble(m.group(7));
                    assertThat(min).isLessThanOrEqualTo(median);
                    assertThat(median).isLessThanOrEqualTo(max);
                    // images/s is the batch divided by the median time; the median is printed to 0.05 ms and
                    // images/s to 0.5, so the printed figures bound it from both sides.
                    double perSecond = Double.parseDouble(m.group(8));
                    assertThat(perSecond).isBetween(SpeedLesson.BATCH * 1000 / (median + 0.05) - 0.5,
                            SpeedLesson.BATCH * 1000 / Math.max(median - 0.05, 1e-9) + 0.5);
                }
            }
            assertThat(found).as("a timing row for " + p.name()).isTrue();
        }
    }

    @Test
    void folding_removesTheBatchNormLayerAndItsParameters() {
        // conv: 3x3x3x4 = 108 weights; BatchNorm: 4 vectors of 4; folded conv: 108 weights + 4 biases.
        assertThat(out).contains("before: input_1 (InputLayer) -> conv (Conv2D) -> bn (BatchNormalization): 3 layers,"
                + " " + (108 + 16) + " parameters")
                .contains("after : input_1 (InputLayer) -> conv_folded (Conv2D): 2 layers, " + (108 + 4) + " parameters");
    }

    @Test
    void folding_bothModelsPrintThePlainLoopValue_atTheShownPixel() {
        Model model = SpeedLesson.convBn();
        HostTensor x = HostTensor.gaussian(Shape.of(2, 8, 8, 3), 10);
        double[] expected = convThenBatchNorm(model, x, 3, 5);
        for (String label : new String[] {"before", "after "}) {
            Matcher m = Pattern.compile("\n  " + label + " \\[(\\S+), (\\S+), (\\S+), (\\S+)\\]\n").matcher(out);
            assertThat(m.find()).as(label).isTrue();
            for (int c = 0; c < 4; c++) {
                assertThat(Double.parseDouble(m.group(c + 1))).as(label + " channel " + c)
                        .isCloseTo(expected[c], within(1e-5));
            }
        }
        Matcher m = Pattern.compile("relative L2 difference over the whole output \\[2, 8, 8, 4\\]: (\\S+)\n")
                .matcher(out);
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThan(1e-6);
    }

    /** Plain loops in double: a 3x3 SAME convolution (one zero row/column each side) then the BatchNorm formula. */
    private static double[] convThenBatchNorm(Model model, HostTensor x, int row, int column) {
        HostTensor w = model.parameters().get("conv/kernel");
        double[] result = new double[4];
        for (int o = 0; o < 4; o++) {
            double sum = 0;
            for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                    int y = row + ky - 1;
                    int xx = column + kx - 1;
                    if (y < 0 || y >= 8 || xx < 0 || xx >= 8) {
                        continue;
                    }
                    for (int i = 0; i < 3; i++) {
                        sum += (double) x.get(0, y, xx, i) * w.get(ky, kx, i, o);
                    }
                }
            }
            double gamma = model.parameters().get("bn/gamma").data()[o];
            double beta = model.parameters().get("bn/beta").data()[o];
            double mean = model.parameters().get("bn/moving_mean").data()[o];
            double variance = model.parameters().get("bn/moving_variance").data()[o];
            result[o] = gamma * (sum - mean) / Math.sqrt(variance + SpeedLesson.EPSILON) + beta;
        }
        return result;
    }
}
