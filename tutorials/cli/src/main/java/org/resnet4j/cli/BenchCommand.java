package org.resnet4j.cli;

import java.util.Random;
import java.util.concurrent.Callable;
import org.resnet4j.bench.Benchmark;
import org.resnet4j.bench.BenchmarkPlan;
import org.resnet4j.bench.BenchmarkResult;
import org.resnet4j.bench.ProgressBar;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code resnet4j bench}: times a model's compiled forward pass on one backend: untimed warm-up runs, then timed runs
 * reported as median and minimum milliseconds per batch and images per second. The progress bar goes to standard
 * error so that standard output holds only results.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time a model's forward pass on one backend: median/min ms per batch and images/s.")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--input", paramLabel = "SIDE",
            description = "Side of the square input (default: 224; CIFAR networks take 32).")
    Integer input;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "0",
            description = "Go on warming up until this many seconds have passed as well (default: ${DEFAULT-VALUE});"
                    + " ND4J at batch 1 needs about 5 for the JIT compiler to finish.")
    double warmupSeconds;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "10",
            description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "tf, nd4j, jcuda (default: the backend chosen as `resnet4j backends` shows).")
    String backend;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new UsageException("--batch expects at least 1. Received: " + batch);
        }
        BenchmarkPlan plan;
        try {
            plan = new BenchmarkPlan(warmup, iterations, warmupSeconds);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--warmup, --warmup-seconds and --iterations: " + e.getMessage());
        }
        Model m = ModelResolver.resolve(modelOptions.name, modelOptions.variant, input);
        HostTensor x = randomInput(m.inputs().get(0).shape().withBatch(batch));
        try (Backend b = BackendChoice.open(backend)) {
            String label = b.name() + " " + m.name();
            long compileStart = System.nanoTime();
            try (CompiledModel compiled = b.compile(m)) {
                double compileMs = (System.nanoTime() - compileStart) / 1e6;
                BenchmarkResult result = new Benchmark().run(label, batch, plan, () -> compiled.predict(x),
                        new ProgressBar(System.err, label + " batch " + batch));
                System.out.printf("%s, input %s, compile %.1f ms%n", label, x.shape(), compileMs);
                System.out.println(result.describe());
            }
        }
        return ExitCodes.OK;
    }

    private static HostTensor randomInput(Shape shape) {
        Random rng = new Random(Model.DEFAULT_SEED);
        float[] d = new float[shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return HostTensor.of(shape, d);
    }
}
