package org.resnet4j.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.resnet4j.Backends;
import org.resnet4j.models.resnet.MacCounter;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.TensorDifference;
import org.resnet4j.tensor.Shape;
import picocli.CommandLine.Command;

/**
 * {@code resnet4j demo}, the README's main job: builds torchvision's ResNet-50, prints the head of its summary and its
 * size, lists the backends found on the classpath, runs one 224x224 image through every available backend with the
 * same seeded weights, and prints how far their outputs are from each other and how long each took.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build ResNet-50, list the backends, run one image on each available backend and compare.")
public final class DemoCommand implements Callable<Integer> {
    private static final int SUMMARY_HEAD_LINES = 16;
    private static final long INPUT_SEED = 2015;

    @Override
    public Integer call() {
        Map<String, HostTensor> outputs = run(System.out);
        return outputs.isEmpty() ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** Writes the whole demo to {@code out}; returns each backend's output, by backend name. */
    public static Map<String, HostTensor> run(PrintStream out) {
        Model model = ResNets.torchvision(50);
        String[] summary = model.summary().split("\n");
        out.println("== ResNet-50 (torchvision layout), first lines of its summary");
        for (int i = 0; i < Math.min(SUMMARY_HEAD_LINES, summary.length); i++) {
            out.println(summary[i]);
        }
        out.println("   ... " + (summary.length - SUMMARY_HEAD_LINES) + " more lines (resnet4j summary resnet50)");
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
                out.printf("%-6s skipped: %s%n", provider.name(), provider.probe().reason());
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
        out.println("== Agreement (relative L2 error and largest absolute difference of the 1000 logits)");
        List<String> names = new ArrayList<>(outputs.keySet());
        if (names.size() < 2) {
            out.println("only " + names + " could run here: nothing to compare");
        }
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                HostTensor a = outputs.get(names.get(i));
                HostTensor b = outputs.get(names.get(j));
                out.printf("%s vs %s: relative L2 %.2e, max abs %.2e%n", names.get(i), names.get(j),
                        TensorDifference.relativeL2(a, b), TensorDifference.maxAbs(a, b));
            }
        }
        return outputs;
    }

    private static HostTensor randomImage() {
        Random rng = new Random(INPUT_SEED);
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
}
