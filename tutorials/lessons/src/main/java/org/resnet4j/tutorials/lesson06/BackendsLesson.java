package org.resnet4j.tutorials.lesson06;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.resnet4j.BackendUnavailableException;
import org.resnet4j.Backends;
import org.resnet4j.models.resnet.PaddingStyle;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNetConfig;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Padding;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.TensorDifference;
import org.resnet4j.tensor.Shape;

/**
 * Lesson 6: how a backend is chosen, how to check that two backends compute the same numbers, and three reasons
 * why two frameworks given "the same" ResNet disagree: where stride-2 padding goes, BatchNorm's epsilon, and the
 * order in which floats are added. Every effect is computed, not described.
 */
public final class BackendsLesson {
    /** The layers whose outputs the parity section compares, from the stem to the logits. */
    static final List<String> PARITY_LAYERS = List.of("conv1_conv", "conv1_bn", "pool1_pool", "conv2_block2_out",
            "conv3_block2_out", "conv4_block2_out", "conv5_block2_out", "predictions");
    /** The three epsilons found in the wild: Keras' layer default, torchvision, keras.applications. */
    static final double[] EPSILONS = {1e-3, 1e-5, 1.001e-5};
    private static final String[] EPSILON_NAMES = {"1e-3 (Keras default)", "1e-5 (torchvision)",
        "1.001e-5 (keras.apps)"};
    /** Moving variances of the epsilon section's three channels: an ordinary one and two small ones. */
    static final float[] VARIANCES = {1f, 1e-2f, 1e-4f};

    private BackendsLesson() {
    }

    /** Runs the lesson; it takes no arguments. */
    public static void main(String[] args) {
        chooseABackend();
        parity();
        samePaddingVersusSymmetric();
        batchNormEpsilon();
        summationOrder();
    }

    // ---------------------------------------------------------------------------------------------------------
    static void chooseABackend() {
        System.out.println("== 1. Choosing a backend");
        System.out.println("What discovery finds on the classpath (Backends.describe(), nothing is started):");
        Backends.describe().forEach(line -> System.out.println("  " + line));

        try (Backend chosen = Backends.get()) {
            System.out.println("Backends.get()         -> " + chosen.name());
        }
        for (BackendProvider provider : Backends.providers()) {
            String call = "Backends.get(\"" + provider.name() + "\")";
            try (Backend named = Backends.get(provider.name())) {
                System.out.printf("%-22s -> %s%n", call, named.name());
            } catch (BackendUnavailableException e) {
                // An unavailable backend is an error when named, never silently replaced: the message says why.
                System.out.printf("%-22s -> refused: %s%n", call, e.getMessage());
            }
        }
        try (Backend typo = Backends.get("cuda")) {
            System.out.println("Backends.get(\"cuda\")   -> " + typo.name());
        } catch (BackendUnavailableException e) {
            System.out.println("Backends.get(\"cuda\")   -> refused: " + e.getMessage());
        }

        // -Dresnet4j.backend=NAME on the java command line does the same as setting the property here.
        String lowest = lowestPriorityAvailable();
        String before = System.getProperty("resnet4j.backend");
        System.setProperty("resnet4j.backend", lowest);
        try (Backend chosen = Backends.get()) {
            System.out.println("with -Dresnet4j.backend=" + lowest + ", Backends.get() -> " + chosen.name());
        } finally {
            if (before == null) {
                System.clearProperty("resnet4j.backend");
            } else {
                System.setProperty("resnet4j.backend", before);
            }
        }
        System.out.println();
    }

    private static String lowestPriorityAvailable() {
        String name = null;
        for (BackendProvider p : Backends.providers()) {
            if (p.probe().available()) {
                name = p.name();
            }
        }
        if (name == null) {
            throw new IllegalStateException("Lesson 6 needs at least one available backend. " + Backends.describe());
        }
        return name;
    }

    // ---------------------------------------------------------------------------------------------------------
    static void parity() {
        System.out.println("== 2. Parity: the same weights and input on every available backend");
        ResNetConfig config = ResNets.torchvisionConfig(18).withBaseWidth(16).withClasses(10).withInputSize(32, 32);
        Model model = ResNet.build(config).initialize(6);
        Runs.trainedLookingBatchNorm(model, 6);
        HostTensor input = HostTensor.gaussian(Shape.of(2, 32, 32, 3), 6);
        System.out.println("ResNet-18 (base width 16, 32x32 input, 10 classes), seed 6, batch of 2");

        Map<String, HostTensor> logits = new LinkedHashMap<>();
        Map<String, Map<String, HostTensor>> layers = new LinkedHashMap<>();
        for (BackendProvider provider : Backends.providers()) {
            if (!provider.probe().available()) {
                System.out.println("  " + provider.name() + ": not run here (" + provider.probe().reason() + ")");
                continue;
            }
            try (Backend backend = Backends.get(provider.name())) {
                logits.put(backend.name(), Runs.predict(backend, model, input));
                layers.put(backend.name(), Runs.everyLayer(backend, model, input));
            }
        }
        List<String> names = new ArrayList<>(logits.keySet());
        if (names.size() < 2) {
            System.out.println("  only " + names + " can run here: nothing to compare");
            System.out.println();
            return;
        }
        String reference = names.get(0);
        for (String other : names.subList(1, names.size())) {
            System.out.printf(Locale.ROOT, "relative L2 error of the logits, %s vs %s: %.2e%n", other, reference,
                    TensorDifference.relativeL2(logits.get(other), logits.get(reference)));
            System.out.println("layer by layer (Model.forward with a NodeListener):");
            for (String layer : PARITY_LAYERS) {
                System.out.printf(Locale.ROOT, "  %-18s %.2e%n", layer,
                        TensorDifference.relativeL2(layers.get(other).get(layer), layers.get(reference).get(layer)));
            }
        }
        System.out.println();
    }

    // ---------------------------------------------------------------------------------------------------------
    static void samePaddingVersusSymmetric() {
        System.out.println("== 3. SAME versus symmetric padding: a 3x3 convolution, stride 2, on a 4x4 input");
        HostTensor image = HostTensor.of(Shape.of(1, 4, 4, 1), new float[] {
            1, 2, 3, 4,
            5, 6, 7, 8,
            9, 10, 11, 12,
            13, 14, 15, 16});
        System.out.println("input (one channel):");
        printGrid(image);
        System.out.println("Padding.SAME on 4x4 resolves to       " + Padding.SAME.resolve(4, 4, 3, 3, 2, 2)
                + "   (top, bottom, left, right)");
        System.out.println("torchvision's padding=1 is            " + Padding.symmetric(1));
        System.out.println("Padding.SAME on 5x5 resolves to       " + Padding.SAME.resolve(5, 5, 3, 3, 2, 2));

        try (Backend backend = Backends.get()) {
            // A kernel of ones makes each output the plain sum of its window, easy to check by hand.
            HostTensor same = Runs.predict(backend, windowSum(Padding.SAME), image);
            HostTensor symmetric = Runs.predict(backend, windowSum(Padding.symmetric(1)), image);
            System.out.println("output with SAME (" + backend.name() + "):");
            printGrid(same);
            System.out.println("output with symmetric padding 1 (" + backend.name() + "):");
            printGrid(symmetric);

            // The same effect inside a network: one set of weights, two padding styles.
            ResNetConfig torchvision = ResNets.torchvisionConfig(18).withBaseWidth(16).withClasses(10)
                    .withInputSize(64, 64);
            Model symmetricNet = ResNet.build(torchvision).initialize(3);
            Runs.trainedLookingBatchNorm(symmetricNet, 3);
            Model sameNet = ResNet.build(torchvision.withSettings(
                    torchvision.settings().withPadding(PaddingStyle.KERAS_SAME)));
            symmetricNet.parameters().asMap().forEach((name, value) -> sameNet.parameters().set(name, value));
            HostTensor photo = HostTensor.gaussian(Shape.of(1, 64, 64, 3), 3);
            double error = TensorDifference.relativeL2(Runs.predict(backend, sameNet, photo),
                    Runs.predict(backend, symmetricNet, photo));
            System.out.printf(Locale.ROOT, "ResNet-18 (64x64), identical weights, KERAS_SAME vs TORCHVISION padding:"
                    + " logits differ by %.2f (relative L2)%n", error);
        }
        System.out.println();
    }

    /** A one-layer model: a 3x3 stride-2 convolution with a kernel of ones and no bias, padded as told. */
    static Model windowSum(Padding padding) {
        Node in = Input.of(4, 4, 1);
        Node out = Conv2D.of(1, 3).withStrides(2).withPadding(padding).withoutBias().named("window_sum").apply(in);
        Model model = Model.of("window_sum", in, out);
        model.parameters().set("window_sum/kernel", HostTensor.filled(Shape.of(3, 3, 1, 1), 1f));
        return model;
    }

    private static void printGrid(HostTensor t) {
        int h = t.shape().dim(1);
        int w = t.shape().dim(2);
        for (int y = 0; y < h; y++) {
            StringBuilder row = new StringBuilder("  ");
            for (int x = 0; x < w; x++) {
                row.append(String.format(Locale.ROOT, "%6.0f", t.get(0, y, x, 0)));
            }
            System.out.println(row);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    static void batchNormEpsilon() {
        System.out.println("== 4. BatchNorm epsilon: y = gamma * (x - mean) / sqrt(variance + epsilon) + beta");
        System.out.println("gamma 1, beta 0, mean 0; each input is one standard deviation above the mean,");
        System.out.println("so without epsilon every output would be exactly 1.0");
        HostTensor x = HostTensor.of(Shape.of(1, 1, 1, 3), new float[VARIANCES.length]);
        for (int c = 0; c < VARIANCES.length; c++) {
            x.data()[c] = (float) Math.sqrt(VARIANCES[c]);
        }
        System.out.printf(Locale.ROOT, "%-30s %10s %10s %10s%n", "moving variance:", plain(VARIANCES[0]),
                plain(VARIANCES[1]), plain(VARIANCES[2]));
        try (Backend backend = Backends.get()) {
            for (int e = 0; e < EPSILONS.length; e++) {
                HostTensor y = Runs.predict(backend, batchNorm(EPSILONS[e]), x);
                System.out.printf(Locale.ROOT, "epsilon %-22s %10.6f %10.6f %10.6f%n", EPSILON_NAMES[e], y.data()[0],
                        y.data()[1], y.data()[2]);
            }
        }
        System.out.println();
    }

    private static String plain(float v) {
        return new BigDecimal(Float.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** One BatchNormalization layer over 3 channels with moving variances {@link #VARIANCES}. */
    static Model batchNorm(double epsilon) {
        Node in = Input.of(1, 1, 3);
        Node out = BatchNormalization.of().withEpsilon(epsilon).named("bn").apply(in);
        Model model = Model.of("bn", in, out);
        model.parameters().set("bn/moving_variance", HostTensor.of(Shape.of(3), VARIANCES.clone()));
        return model;
    }

    // ---------------------------------------------------------------------------------------------------------
    static void summationOrder() {
        System.out.println("== 5. Summation order: float addition is not associative");
        float big = 1e8f;
        System.out.println("(1e8 + 1) - 1e8 = " + ((big + 1f) - big) + "    (1e8 - 1e8) + 1 = " + ((big - big) + 1f));

        float[] values = mixedMagnitudes(10_000, 5);
        BigDecimal exact = exactSum(values);
        System.out.printf(Locale.ROOT, "10,000 seeded floats between 0 and 1000; exact sum %.6f%n", exact);
        printSum("left to right", leftToRight(values), exact);
        printSum("right to left", rightToLeft(values), exact);
        printSum("pairwise (tree)", pairwise(values, 0, values.length), exact);
        System.out.println();
    }

    private static void printSum(String order, float sum, BigDecimal exact) {
        System.out.printf(Locale.ROOT, "  %-16s %.6f   error %.6f%n", order, sum,
                new BigDecimal(sum).subtract(exact).doubleValue());
    }

    /** {@code n} floats whose sizes span six orders of magnitude, from {@code new Random(seed)}. */
    static float[] mixedMagnitudes(int n, long seed) {
        Random rng = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (Math.pow(10, rng.nextInt(7) - 3) * rng.nextFloat());
        }
        return v;
    }

    /** The sum of the floats without any rounding. */
    static BigDecimal exactSum(float[] values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (float v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        return sum;
    }

    static float leftToRight(float[] values) {
        float sum = 0f;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }

    static float rightToLeft(float[] values) {
        float sum = 0f;
        for (int i = values.length - 1; i >= 0; i--) {
            sum += values[i];
        }
        return sum;
    }

    /** Halves, sums each half, adds the two: the shape of a parallel reduction on many cores or a GPU. */
    static float pairwise(float[] values, int from, int to) {
        if (to - from == 1) {
            return values[from];
        }
        int middle = (from + to) >>> 1;
        return pairwise(values, from, middle) + pairwise(values, middle, to);
    }
}
