package org.resnet4j.tutorials.lesson06;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.Backends;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tutorials.ConsoleCapture;

/** Runs lesson 6's main class once and checks every section of what it prints against hand-derived values. */
class BackendsLessonTest {
    private static String out;
    private static String propertyBefore;

    @BeforeAll
    static void runLesson() throws Exception {
        propertyBefore = System.getProperty("resnet4j.backend");
        out = ConsoleCapture.stdout(() -> BackendsLesson.main(new String[0]));
    }

    @Test
    void choosing_listsEveryProvider_andFollowsThePriorityTable() {
        assertThat(out).contains("resnet4j: Found backend [tf, priority 20, available]")
                .contains("resnet4j: Found backend [nd4j, priority 10, available]")
                .contains("resnet4j: Found backend [jcuda, priority 30, ");
        boolean gpu = jcudaAvailable();
        if (!gpu) {
            // The unavailable backend is shown with a reason, and naming it is refused with that reason.
            assertThat(out).containsPattern("Found backend \\[jcuda, priority 30, unavailable: .+\\]")
                    .containsPattern("Backends.get\\(\"jcuda\"\\)  -> refused: resnet4j: Backend \\[jcuda\\] "
                            + "\\(from Backends.get\\(name\\)\\) is unavailable: .+");
        }
        assertThat(out).contains("Backends.get()         -> " + defaultBackend())
                .contains("Backends.get(\"tf\")     -> tf")
                .contains("Backends.get(\"nd4j\")   -> nd4j")
                .contains("Backends.get(\"cuda\")   -> refused: resnet4j: Unknown backend \"cuda\"")
                .contains("with -Dresnet4j.backend=nd4j, Backends.get() -> nd4j");
        assertThat(System.getProperty("resnet4j.backend")).as("the lesson restores the property")
                .isEqualTo(propertyBefore);
    }

    @Test
    void parity_logitsAndEveryListedLayerAgreeWithinFloatTolerance() {
        // tf and nd4j run everywhere; with a GPU, jcuda is the reference and both others are compared to it.
        assertThat(out).containsPattern("relative L2 error of the logits, nd4j vs (tf|jcuda): ");
        assertThat(all("relative L2 error of the logits, \\S+ vs \\S+: (\\S+)")).isNotEmpty()
                .allSatisfy(error -> assertThat(error).isLessThan(1e-4));
        for (String layer : BackendsLesson.PARITY_LAYERS) {
            assertThat(all("\n  " + layer + " +(\\S+)\n")).as(layer).isNotEmpty()
                    .allSatisfy(error -> assertThat(error).isLessThan(1e-4));
        }
    }

    @Test
    void padding_sameAndSymmetricGiveTheHandComputedWindowSums() {
        int[][] image = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}};
        // SAME on 4x4, k 3, s 2: total padding (2 - 1) * 2 + 3 - 4 = 1, all of it bottom/right.
        assertThat(out).contains("output with SAME (" + defaultBackend() + "):\n" + grid(windowSums(image, 0)));
        assertThat(out).contains("output with symmetric padding 1 (" + defaultBackend() + "):\n"
                + grid(windowSums(image, 1)));
        assertThat(out).contains("Padding.SAME on 4x4 resolves to       explicit(0, 1, 0, 1)")
                .contains("Padding.SAME on 5x5 resolves to       explicit(1, 1, 1, 1)");
        assertThat(number("KERAS_SAME vs TORCHVISION padding: logits differ by (\\S+)")).isGreaterThan(0.01);
    }

    @Test
    void epsilon_outputsFollowTheFormula() {
        String[] rows = {"1e-3 \\(Keras default\\)", "1e-5 \\(torchvision\\)", "1.001e-5 \\(keras.apps\\)"};
        double[] epsilons = {1e-3, 1e-5, 1.001e-5};
        double[] variances = {1, 0.01, 0.0001};
        for (int e = 0; e < rows.length; e++) {
            Matcher m = Pattern.compile("epsilon " + rows[e] + " +(\\S+) +(\\S+) +(\\S+)\n").matcher(out);
            assertThat(m.find()).as(rows[e]).isTrue();
            for (int c = 0; c < 3; c++) {
                double expected = Math.sqrt(variances[c]) / Math.sqrt(variances[c] + epsilons[e]);
                assertThat(Double.parseDouble(m.group(c + 1))).isCloseTo(expected, within(2e-6));
            }
        }
    }

    @Test
    void summation_printsEachOrdersFloatSum_andPairwiseIsClosest() {
        assertThat(out).contains("(1e8 + 1) - 1e8 = 0.0    (1e8 - 1e8) + 1 = 1.0");
        float[] v = BackendsLesson.mixedMagnitudes(10_000, 5);
        float forward = 0f;
        for (float x : v) {
            forward += x;
        }
        float backward = 0f;
        for (int i = v.length - 1; i >= 0; i--) {
            backward += v[i];
        }
        BigDecimal exact = BigDecimal.ZERO;
        for (float x : v) {
            exact = exact.add(new BigDecimal(x));
        }
        assertThat(out).contains(String.format(Locale.ROOT, "exact sum %.6f", exact))
                .contains(String.format(Locale.ROOT, "left to right    %.6f", forward))
                .contains(String.format(Locale.ROOT, "right to left    %.6f", backward));
        double pairwiseError = Math.abs(number("pairwise \\(tree\\) +\\S+ +error (\\S+)"));
        assertThat(pairwiseError).isLessThan(Math.abs(new BigDecimal(forward).subtract(exact).doubleValue()))
                .isLessThan(Math.abs(new BigDecimal(backward).subtract(exact).doubleValue()));
    }

    /** Plain loops: the sum of every 3x3 window at stride 2, after padding {@code top} rows and columns. */
    private static int[][] windowSums(int[][] image, int top) {
        int[][] result = new int[2][2];
        for (int oy = 0; oy < 2; oy++) {
            for (int ox = 0; ox < 2; ox++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        int y = oy * 2 + ky - top;
                        int x = ox * 2 + kx - top;
                        if (y >= 0 && y < 4 && x >= 0 && x < 4) {
                            result[oy][ox] += image[y][x];
                        }
                    }
                }
            }
        }
        return result;
    }

    private static String grid(int[][] values) {
        StringBuilder sb = new StringBuilder();
        for (int[] row : values) {
            sb.append("  ");
            for (int v : row) {
                sb.append(String.format(Locale.ROOT, "%6d", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static double number(String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("output contains " + regex).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static List<Double> all(String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        List<Double> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(Double.parseDouble(m.group(1)));
        }
        return found;
    }

    private static boolean jcudaAvailable() {
        List<BackendProvider> providers = Backends.providers();
        return providers.stream().anyMatch(p -> p.name().equals("jcuda") && p.probe().available());
    }

    /**
     * docs/backends.md: the name in -Dresnet4j.backend, else in RESNET4J_BACKEND, else the available backend of
     * highest priority (jcuda 30 > tf 20 > nd4j 10).
     */
    private static String defaultBackend() {
        for (String named : new String[] {propertyBefore, System.getenv("RESNET4J_BACKEND")}) {
            if (named != null && !named.isBlank()) {
                return named.trim().toLowerCase(Locale.ROOT);
            }
        }
        return jcudaAvailable() ? "jcuda" : "tf";
    }
}
