package org.resnet4j.tutorials.lesson08;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.resnet4j.Backends;
import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.models.resnet.ZeroPadShortcut;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Lesson 8: the CIFAR-10 ResNets of the paper's section 4.2 (depth {@code 6n + 2}), their parameter counts against
 * Table 6, the two ways a shortcut can widen (option A zero-padding, option B projection), a forward pass through
 * ResNet-110, and how an untrained very deep network's activations grow from block to block.
 *
 * <p>An optional argument chooses the depth of sections 3 and 4 (default 110), for example {@code 1202}.
 */
public final class CifarLesson {
    /** The depths of the paper's Table 6 and the parameter counts it prints, in millions. */
    static final int[] DEPTHS = {20, 32, 44, 56, 110, 1202};
    static final String[] PAPER_MILLIONS = {"0.27M", "0.46M", "0.66M", "0.85M", "1.7M", "19.4M"};
    private static final int DEFAULT_DEPTH = 110;

    private CifarLesson() {
    }

    /** Runs the lesson; an optional argument is the depth of the forward pass (6n + 2), 110 by default. */
    public static void main(String[] args) {
        int depth = args.length == 0 ? DEFAULT_DEPTH : Integer.parseInt(args[0]);
        parameterTable();
        optionAVersusOptionB();
        forwardPass(depth);
        signalThroughTheBlocks(depth);
    }

    // ---------------------------------------------------------------------------------------------------------
    static void parameterTable() {
        System.out.println("== 1. The CIFAR-10 ResNets of the paper (section 4.2): depth 6n + 2, option A shortcuts");
        System.out.println("depth    n   weighted layers   parameters             paper (Table 6)");
        for (int i = 0; i < DEPTHS.length; i++) {
            Model model = ResNets.cifar(DEPTHS[i], CifarShortcut.A_ZERO_PAD);
            long params = model.trainableParameterCount();
            System.out.printf(Locale.ROOT, "%5d %4d %17d   %,10d = %-7s   %s%n", DEPTHS[i], (DEPTHS[i] - 2) / 6,
                    weightedLayers(model), params, millions(params), PAPER_MILLIONS[i]);
        }
        System.out.println();
    }

    /** Convolutions and dense layers: what "depth" counts. Option A's shortcuts have no weights and do not count. */
    static int weightedLayers(Model model) {
        int count = 0;
        for (Layer layer : model.layers()) {
            if (layer instanceof Conv2D || layer instanceof Dense) {
                count++;
            }
        }
        return count;
    }

    /** Millions, rounded as the paper prints them: two decimals below one million, one above. */
    static String millions(long params) {
        double m = params / 1e6;
        return String.format(Locale.ROOT, m < 1 ? "%.2fM" : "%.1fM", m);
    }

    // ---------------------------------------------------------------------------------------------------------
    static void optionAVersusOptionB() {
        System.out.println("== 2. Where a stage widens: option A (zero-padding) or option B (projection)");
        Model a = ResNets.cifar(20, CifarShortcut.A_ZERO_PAD);
        Model b = ResNets.cifar(20, CifarShortcut.B_PROJECTION);
        System.out.println("conv3_block1 turns 16 channels at 32x32 into 32 channels at 16x16; its shortcut must too.");
        System.out.println("option A: " + a.layer("conv3_block1_0_pad").typeName() + " (no parameters);  option B: "
                + b.layer("conv3_block1_0_conv").typeName() + " 1x1 stride 2 + " + b.layer("conv3_block1_0_bn")
                .typeName());
        System.out.printf(Locale.ROOT, "ResNet-20 trainable parameters: A %,d   B %,d   B - A = %,d%n",
                a.trainableParameterCount(), b.trainableParameterCount(),
                b.trainableParameterCount() - a.trainableParameterCount());

        Node in = Input.of(4, 4, 2);
        Model shortcut = Model.of("option_a", in, ZeroPadShortcut.of(4, 2).named("shortcut").apply(in));
        HostTensor x = HostTensor.zeros(Shape.of(1, 4, 4, 2));
        for (int i = 0; i < 16; i++) {
            x.data()[2 * i] = i + 1;
            x.data()[2 * i + 1] = 101 + i;
        }
        try (Backend backend = Backends.get(); CompiledModel compiled = backend.compile(shortcut)) {
            HostTensor y = compiled.predict(x);
            System.out.println("option A on a 4x4 map of 2 channels, widened to 4 channels at stride 2 ("
                    + backend.name() + "):");
            for (int c = 0; c < 2; c++) {
                System.out.println("  input channel " + c + ":  " + rows(x, c));
            }
            for (int c = 0; c < 4; c++) {
                System.out.println("  output channel " + c + ": " + rows(y, c));
            }
        }
        System.out.println();
    }

    private static String rows(HostTensor t, int channel) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < t.shape().dim(1); y++) {
            sb.append(y == 0 ? "[" : " [");
            for (int x = 0; x < t.shape().dim(2); x++) {
                sb.append(String.format(Locale.ROOT, x == 0 ? "%.0f" : " %.0f", t.get(0, y, x, channel)));
            }
            sb.append(']');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    static void forwardPass(int depth) {
        long start = System.nanoTime();
        Model model = ResNets.cifar(depth, CifarShortcut.A_ZERO_PAD);
        long built = System.nanoTime();
        HostTensor image = HostTensor.gaussian(Shape.of(1, 32, 32, 3), depth);
        try (Backend backend = Backends.get()) {
            System.out.println("== 3. A forward pass through ResNet-" + depth + " (option A), one 32x32x3 image, on "
                    + backend.name());
            System.out.printf(Locale.ROOT, "%d layers, %,d parameters (%,d trainable); built in %.0f ms%n",
                    model.layers().size(), model.parameterCount(), model.trainableParameterCount(),
                    (built - start) / 1e6);
            long compileStart = System.nanoTime();
            try (CompiledModel compiled = backend.compile(model)) {
                long first = System.nanoTime();
                HostTensor probabilities = compiled.predict(image);
                long second = System.nanoTime();
                compiled.predict(image);
                long end = System.nanoTime();
                System.out.printf(Locale.ROOT, "compile %.0f ms, first predict %.0f ms, second predict %.0f ms "
                        + "(times vary from run to run)%n", (first - compileStart) / 1e6, (second - first) / 1e6,
                        (end - second) / 1e6);
                double sum = 0;
                for (float p : probabilities.data()) {
                    sum += p;
                }
                System.out.printf(Locale.ROOT, "output %s, probabilities sum to %.6f%n", probabilities.shape(), sum);
            }
        }
        System.out.println();
    }

    // ---------------------------------------------------------------------------------------------------------
    static void signalThroughTheBlocks(int depth) {
        int n = (depth - 2) / 6;
        Model untrained = ResNets.cifar(depth, CifarShortcut.A_ZERO_PAD);
        Model zeroed = ResNets.cifar(depth, CifarShortcut.A_ZERO_PAD);
        zeroLastBatchNormOfEveryBlock(zeroed);
        Set<String> layers = new LinkedHashSet<>();
        layers.add("conv1_relu");
        for (int stage = 2; stage <= 4; stage++) {
            layers.add("conv" + stage + "_block" + n + "_out");
        }
        layers.add("predictions");
        HostTensor image = HostTensor.gaussian(Shape.of(1, 32, 32, 3), depth);

        System.out.println("== 4. The size of the signal through " + 3 * n + " residual blocks (root mean square of a"
                + " layer's output)");
        try (Backend backend = Backends.get()) {
            Map<String, Double> grown = StageSignal.rms(backend, untrained, image, layers);
            Map<String, Double> kept = StageSignal.rms(backend, zeroed, image, layers);
            System.out.printf("%-26s %14s   %s%n", "layer", "fresh weights", "last BN gamma of every block 0");
            for (String layer : layers) {
                System.out.printf(Locale.ROOT, "%-26s %14.4g   %14.4g%n", layer + (layer.equals("predictions")
                        ? " (logits)" : ""), grown.get(layer), kept.get(layer));
            }
        }
        System.out.println();
    }

    /**
     * Sets gamma of the last BatchNorm of every residual branch ({@code convS_blockB_2_bn}) to zero, so that every
     * block starts as the identity: {@code relu(x + 0) = x}, because x is itself the output of a ReLU.
     */
    static void zeroLastBatchNormOfEveryBlock(Model model) {
        for (String name : model.parameters().names()) {
            if (name.matches("conv\\d_block\\d+_2_bn/gamma")) {
                model.parameters().set(name, HostTensor.zeros(model.parameters().shape(name)));
            }
        }
    }

}
