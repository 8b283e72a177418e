package org.resnet4j.tutorials.lesson09;

import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.resnet4j.Backends;
import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Padding;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.TensorDifference;
import org.resnet4j.tensor.Shape;

/**
 * Lesson 9: how to time a backend without fooling yourself (start-up, compilation and the first call are not the
 * steady state; warm up, then take the median of several runs), and how to make inference cheaper by folding each
 * BatchNorm into the convolution before it. Times are printed, never checked: they depend on the machine.
 */
public final class SpeedLesson {
    /** Depth of the timed CIFAR ResNet. */
    static final int TIMED_DEPTH = 8;
    /** Images per timed call. */
    static final int BATCH = 4;
    static final int WARMUPS = 2;
    static final int RUNS = 5;
    /** The epsilon of the folding example: torchvision's. */
    static final double EPSILON = 1e-5;

    private SpeedLesson() {
    }

    /** Runs the lesson; it takes no arguments. */
    public static void main(String[] args) {
        timeTheBackends();
        foldBatchNorm();
    }

    // ---------------------------------------------------------------------------------------------------------
    static void timeTheBackends() {
        // The smallest CIFAR ResNet (n = 1): big enough to show every effect, small enough for the test suite.
        Model model = ResNets.cifar(TIMED_DEPTH, CifarShortcut.B_PROJECTION);
        HostTensor images = HostTensor.gaussian(Shape.of(BATCH, 32, 32, 3), 9);
        System.out.println("== 1. Timing the backends: CIFAR ResNet-" + TIMED_DEPTH + ", batches of " + BATCH
                + " images 32x32x3, "
                + WARMUPS + " warm-up calls, median of " + RUNS);
        System.out.printf("%-7s %9s %9s %11s %9s %9s %9s %10s%n", "backend", "start", "compile", "first call",
                "median", "min", "max", "images/s");
        for (BackendProvider provider : Backends.providers()) {
            if (!provider.probe().available()) {
                System.out.println(provider.name() + ": not timed, unavailable here (" + provider.probe().reason()
                        + ")");
                continue;
            }
            long start = System.nanoTime();
            try (Backend backend = Backends.get(provider.name())) {
                double started = Timing.since(start);
                long compileStart = System.nanoTime();
                try (CompiledModel compiled = backend.compile(model)) {
                    double compiledIn = Timing.since(compileStart);
                    long firstStart = System.nanoTime();
                    compiled.predict(images);
                    double first = Timing.since(firstStart);
                    Timing.Runs runs = Timing.measure(() -> compiled.predict(images), WARMUPS, RUNS);
                    System.out.printf(Locale.ROOT, "%-7s %6.0f ms %6.0f ms %8.0f ms %6.1f ms %6.1f ms %6.1f ms %10.0f%n",
                            backend.name(), started, compiledIn, first, runs.median(), runs.min(), runs.max(),
                            BATCH / (runs.median() / 1000));
                }
            }
        }
        System.out.println("(times vary from machine to machine and run to run; only the median describes the"
                + " steady state)");
        System.out.println();
    }

    // ---------------------------------------------------------------------------------------------------------
    static void foldBatchNorm() {
        System.out.println("== 2. Folding BatchNorm into the convolution before it");
        System.out.println("s = gamma / sqrt(variance + epsilon);   W' = W * s;   b' = (b - mean) * s + beta");
        Model before = convBn();
        Model after = folded(before);
        describe("before", before);
        describe("after ", after);

        HostTensor x = HostTensor.gaussian(Shape.of(2, 8, 8, 3), 10);
        try (Backend backend = Backends.get()) {
            HostTensor y = predict(backend, before, x);
            HostTensor z = predict(backend, after, x);
            System.out.println("output at sample 0, row 3, column 5, on " + backend.name() + ":");
            System.out.println("  before " + pixel(y, 3, 5));
            System.out.println("  after  " + pixel(z, 3, 5));
            System.out.printf(Locale.ROOT, "relative L2 difference over the whole output %s: %.1e%n", y.shape(),
                    TensorDifference.relativeL2(z, y));
        }
        System.out.println();
    }

    /**
     * A 3x3 convolution (4 filters, SAME, no bias: BatchNorm follows) and a BatchNorm with epsilon {@link #EPSILON},
     * over 8x8x3 inputs, with seeded weights and BatchNorm statistics like a trained network's.
     */
    public static Model convBn() {
        Node in = Input.of(8, 8, 3);
        Node conv = Conv2D.of(4, 3).withPadding(Padding.SAME).withoutBias().named("conv").apply(in);
        Node bn = BatchNormalization.of().withEpsilon(EPSILON).named("bn").apply(conv);
        Model model = Model.of("conv_bn", in, bn).initialize(9);
        Random rng = new Random(9);
        for (String name : new String[] {"bn/gamma", "bn/beta", "bn/moving_mean", "bn/moving_variance"}) {
            float[] d = model.parameters().get(name).data();
            for (int c = 0; c < d.length; c++) {
                d[c] = name.endsWith("gamma") || name.endsWith("variance") ? 0.5f + rng.nextFloat()
                        : (float) (0.3 * rng.nextGaussian());
            }
        }
        return model;
    }

    /** The same computation as {@link #convBn()} with one layer fewer: a convolution with the folded weights and a bias. */
    public static Model folded(Model convBn) {
        Conv2D conv = (Conv2D) convBn.layer("conv");
        BatchNormalization bn = (BatchNormalization) convBn.layer("bn");
        Node in = Input.of(8, 8, 3);
        // Same geometry as the original convolution, but with a bias to hold the BatchNorm's shift.
        Node out = Conv2D.of(conv.filters(), conv.kernelHeight(), conv.kernelWidth())
                .withStrides(conv.strideHeight(), conv.strideWidth()).withPadding(conv.padding())
                .named("conv_folded").apply(in);
        Model model = Model.of("conv_folded", in, out);

        double[] s = FoldingByHand.scale(convBn.parameters().get("bn/gamma"),
                convBn.parameters().get("bn/moving_variance"), bn.epsilon());
        model.parameters().set("conv_folded/kernel", FoldingByHand.kernel(convBn.parameters().get("conv/kernel"),
                s));
        model.parameters().set("conv_folded/bias", FoldingByHand.bias(null, s, convBn.parameters().get("bn/beta"),
                convBn.parameters().get("bn/moving_mean")));
        return model;
    }

    private static void describe(String label, Model model) {
        String layers = model.layers().stream().map(l -> l.name() + " (" + l.typeName() + ")")
                .collect(Collectors.joining(" -> "));
        System.out.printf("%s: %s: %d layers, %d parameters%n", label, layers, model.layers().size(),
                model.parameterCount());
    }

    private static HostTensor predict(Backend backend, Model model, HostTensor x) {
        try (CompiledModel compiled = backend.compile(model)) {
            return compiled.predict(x);
        }
    }

    private static String pixel(HostTensor t, int row, int column) {
        StringBuilder sb = new StringBuilder("[");
        for (int c = 0; c < t.shape().dim(3); c++) {
            sb.append(String.format(Locale.ROOT, c == 0 ? "%.6f" : ", %.6f", t.get(0, row, column, c)));
        }
        return sb.append(']').toString();
    }

}
