package org.resnet4j.tutorials;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.resnet4j.Backends;
import org.resnet4j.models.resnet.MacCounter;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The README's main job: builds torchvision's ResNet-50, prints the head of its summary and its size, lists the
 * backends found on the classpath, runs one 224x224 image through every available backend with the same seeded
 * weights, and prints how far their outputs are from each other and how long each took.
 */
public final class Demo {
    private static final int SUMMARY_HEAD_LINES = 16;

    private Demo() {
    }

    /** Runs the demo; no arguments (an optional {@code demo} is accepted for the command line to come). */
    public static void main(String[] args) {
        if (args.length > 1 || (args.length == 1 && !args[0].equals("demo"))) {
            System.err.println("usage: Demo [demo]   (received: " + String.join(" ", args) + ")");
            System.exit(2);
        }
        run(System.out);
    }

    /** Writes the whole demo to {@code out}; returns each backend's output, by backend name. */
    public static Map<String, HostTensor> run(PrintStream out) {
        Model model = ResNets.torchvision(50);
        String[] summary = model.summary().split("\n");
        out.println("== ResNet-50 (torchvision layout), first lines of its summary");
        for (int i = 0; i < Math.min(SUMMARY_HEAD_LINES, summary.length); i++) {
            out.println(summary[i]);
        }
        out.println("   ... " + (summary.length - SUMMARY_HEAD_LINES) + " more lines");
        out.printf("Total params: %,d (trainable %,d), %.2f GMACs per 224x224 image%n", model.parameterCount(),
                model.trainableParameterCount(), MacCounter.count(model) / 1e9);

        out.println();
        out.println("== Backends");
        Backends.describe().forEach(out::println);

        HostTensor image = randomImage();
        Map<String, HostTensor> outputs = new LinkedHashMap<>();
        out.println();
        out.println("== One forward pass per available backend (batch 1, 224x224x3, same weights and input)");
        for (BackendProvider provider : Backends.providers()) {
            if (!provider.probe().available()) {
                continue;
            }
            try (Backend backend = Backends.get(provider.name())) {
                long compileStart = System.nanoTime();
                try (CompiledModel compiled = backend.compile(model)) {
                    long runStart = System.nanoTime();
                    HostTensor logits = compiled.predict(image);
                    long end = System.nanoTime();
                    outputs.put(provider.name(), logits);
                    out.printf("%-6s compile %7.1f ms   first predict %7.1f ms   argmax class %d%n", provider.name(),
                            (runStart - compileStart) / 1e6, (end - runStart) / 1e6, argmax(logits));
                }
            }
        }
        out.println();
        out.println("== Agreement (relative L2 error of the 1000 logits)");
        List<String> names = new ArrayList<>(outputs.keySet());
        if (names.size() < 2) {
            out.println("only " + names + " could run here: nothing to compare");
        }
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                out.printf("%s vs %s: %.2e%n", names.get(i), names.get(j),
                        relativeL2(outputs.get(names.get(i)), outputs.get(names.get(j))));
            }
        }
        return outputs;
    }

    private static HostTensor randomImage() {
        Random rng = new Random(2015);
        float[] d = new float[224 * 224 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return HostTensor.of(Shape.of(1, 224, 224, 3), d);
    }

    private static int argmax(HostTensor t) {
        float[] d = t.data();
        int best = 0;
        for (int i = 1; i < d.length; i++) {
            if (d[i] > d[best]) {
                best = i;
            }
        }
        return best;
    }

    /** {@code ||a - b|| / ||b||}, accumulated in double. */
    static double relativeL2(HostTensor a, HostTensor b) {
        if (!Arrays.equals(a.shape().toArray(), b.shape().toArray())) {
            throw new IllegalArgumentException("Cannot compare shapes " + a.shape() + " and " + b.shape());
        }
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = a.data()[i] - b.data()[i];
            diff += d * d;
            norm += (double) b.data()[i] * b.data()[i];
        }
        return Math.sqrt(diff / norm);
    }
}
