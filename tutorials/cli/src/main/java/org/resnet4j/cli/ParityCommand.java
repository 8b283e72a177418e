package org.resnet4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.resnet4j.Backends;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code resnet4j parity}: the same seeded weights and input on every available backend, compared layer by layer for
 * each pair of backends (largest absolute difference and relative L2 error), printed as a table and drawn as a PNG
 * chart. The final outputs of the backends' compiled models are compared too, since that is the path users run.
 */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = "Compare every available backend layer by layer on the same seeded weights and input.")
public final class ParityCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    /** Small enough that every layer of ResNet-152 runs in seconds, large enough for five stride-2 stages. */
    static final int DEFAULT_INPUT = 64;

    @Option(names = "--input", paramLabel = "SIDE",
            description = "Side of the square input (default: " + DEFAULT_INPUT + "; CIFAR networks take 32).")
    Integer input;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "Images per batch (default: "
            + "${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the weights and the input (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--chart", paramLabel = "FILE.png",
            description = "Where to draw the chart (default: parity-MODEL.png in the working directory).")
    Path chart;

    @Override
    public Integer call() throws IOException {
        if (batch < 1) {
            throw new UsageException("--batch expects at least 1. Received: " + batch);
        }
        Integer side = input;
        if (side == null && !ModelResolver.hasFixedInput(modelOptions.name)) {
            side = DEFAULT_INPUT;
        }
        Model m = ModelResolver.resolve(modelOptions.name, modelOptions.variant, side);
        m.initialize(seed);
        Shape inputShape = m.inputs().get(0).shape().withBatch(batch);
        HostTensor x = randomInput(inputShape, seed);
        System.out.printf("Parity of %s, input %s, weights and input seeded with %d%n", m.name(), inputShape, seed);

        Map<String, Map<Node, HostTensor>> layers = new LinkedHashMap<>();
        Map<String, HostTensor> outputs = new LinkedHashMap<>();
        for (BackendProvider provider : Backends.providers()) {
            if (!provider.probe().available()) {
                System.out.printf("%-6s skipped: %s%n", provider.name(), provider.probe().reason());
                continue;
            }
            try (Backend backend = Backends.get(provider.name())) {
                layers.put(backend.name(), LayerOutputs.of(m, backend, x));
                try (CompiledModel compiled = backend.compile(m)) {
                    outputs.put(backend.name(), compiled.predict(x));
                }
                System.out.printf("%-6s ran %d layers%n", backend.name(), layers.get(backend.name()).size());
            }
        }
        List<String> names = new ArrayList<>(layers.keySet());
        if (names.size() < 2) {
            throw new IllegalStateException("parity needs two available backends; only " + names
                    + " can run here (see resnet4j backends)");
        }
        List<PairComparison> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                String a = names.get(i);
                String b = names.get(j);
                pairs.add(PairComparison.of(a, layers.get(a), outputs.get(a), b, layers.get(b), outputs.get(b)));
            }
        }
        printTable(pairs);
        Path file = chart != null ? chart : Path.of("parity-" + modelOptions.name.strip().toLowerCase(Locale.ROOT) + ".png");
        ParityChart.write(file, "Per-layer error between backends: " + m.name() + ", input " + inputShape, pairs);
        System.out.println("Chart: " + file);
        return ExitCodes.OK;
    }

    private static void printTable(List<PairComparison> pairs) {
        System.out.println();
        StringBuilder header = new StringBuilder(String.format("%4s  %-24s %-22s %-20s", "#", "layer", "type",
                "output shape"));
        for (PairComparison p : pairs) {
            header.append(String.format("  %-21s", p.label() + " max|d| / rel L2"));
        }
        System.out.println(header);
        int rows = pairs.get(0).layers().size();
        for (int r = 0; r < rows; r++) {
            LayerError first = pairs.get(0).layers().get(r);
            StringBuilder line = new StringBuilder(String.format("%4d  %-24s %-22s %-20s", first.index(),
                    first.layer(), first.type(), first.shape()));
            for (PairComparison p : pairs) {
                LayerError e = p.layers().get(r);
                line.append(String.format("  %9.2e / %9.2e", e.maxAbs(), e.relL2()));
            }
            System.out.println(line);
        }
        System.out.println();
        for (PairComparison p : pairs) {
            LayerError worst = p.worst();
            System.out.printf("%s: largest relative L2 error %.2e at layer %d %s; compiled outputs: max|d| %.2e, "
                    + "relative L2 %.2e%n", p.label(), worst.relL2(), worst.index(), worst.layer(), p.compiledMaxAbs(),
                    p.compiledRelL2());
        }
    }

    private static HostTensor randomInput(Shape shape, long seed) {
        Random rng = new Random(seed);
        float[] d = new float[shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return HostTensor.of(shape, d);
    }
}
