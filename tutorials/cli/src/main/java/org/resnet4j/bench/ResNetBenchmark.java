package org.resnet4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.resnet4j.Backends;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The ResNet inference benchmark: torchvision's ResNet-50 or ResNet-18 ({@code --network}) with seeded weights,
 * 224x224 images, batch 1 and 8, a fixed number of threads, on every available backend. Prints median and minimum
 * milliseconds per batch, milliseconds per image and images per second. (Called {@code ResNet50Benchmark} until
 * issue #17 added ResNet-18.)
 *
 * <p>By default each backend runs in its own JVM, one after the other: a backend's thread pools (TensorFlow's
 * inter- and intra-op pools, ND4J's OpenMP team, which spins for a while after each parallel region) would
 * otherwise still exist, and may still be spinning, while the next backend is timed, and the first backend would
 * also pay for the JIT and heap warm-up of both. {@code --in-process} runs them in this JVM instead.
 *
 * <pre>
 * ResNetBenchmark [--network resnet50|resnet18] [--backend NAME[,NAME...]] [--batches 1,8] [--threads 2]
 *                 [--warmup 5] [--warmup-seconds 10] [--runs 10] [--in-process] [--records FILE]
 *                 [--reference ENGINE[,ENGINE...]] [--records-out FILE]
 * </pre>
 * {@code --records} adds the record lines of a file (the PyTorch script's, the ONNX Runtime runner's) for the same
 * network to the table, {@code --reference} adds a column per engine with each row's time relative to that
 * engine's at the same batch, and {@code --records-out} writes the table's records to a file, for
 * {@link BenchmarkSummary}.
 */
public final class ResNetBenchmark {
    static final int IMAGE_SIZE = 224;
    static final long INPUT_SEED = 2015L;

    /** The networks it can time, by the name the record lines use, and their torchvision depth. */
    static final SortedMap<String, Integer> NETWORKS =
            Collections.unmodifiableSortedMap(new TreeMap<>(Map.of("resnet50", 50, "resnet18", 18)));

    private ResNetBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the options. Exits with 2 on a bad option. */
    public static void main(String[] args) throws Exception {
        ResNetBenchmarkOptions options;
        try {
            options = ResNetBenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ResNetBenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        String network = options.network();
        List<BenchmarkRecord> records = new ArrayList<>(BackendRuns.joined(options.run(), network));
        List<String> backends = BackendRuns.backends(options.run());
        if (BackendRuns.noChildJvmFor(ResNetBenchmark.class, options.run())) {
            options = ResNetBenchmarkOptions.parse(BackendRuns.inThisJvm(args));
        }
        BackendRuns.header(String.format("%s (torchvision), %dx%d, batches %s", network, IMAGE_SIZE, IMAGE_SIZE,
                options.batches()), "runs", backends, options.run()).forEach(System.err::println);
        ResNetBenchmarkOptions chosen = options;
        records.addAll(BackendRuns.collect(ResNetBenchmark.class, backends, chosen.run(),
                backend -> runHere(backend, chosen, System.err), chosen::childArguments));
        BackendRuns.report(records, options.run());
    }

    /** Benchmarks {@code backendName} in this JVM and returns one record per batch size. */
    static List<BenchmarkRecord> runHere(String backendName, ResNetBenchmarkOptions options, PrintStream log) {
        ThreadSettings.apply(options.run().threads());
        Model model = withTrainedLikeBatchNorms(ResNets.torchvision(NETWORKS.get(options.network())));
        List<BenchmarkRecord> records = new ArrayList<>();
        Benchmark benchmark = new Benchmark();
        try (Backend backend = Backends.get(backendName)) {
            long start = System.nanoTime();
            try (CompiledModel compiled = backend.compile(model)) {
                log.printf("%s: compiled in %.0f ms%n", backendName, (System.nanoTime() - start) / 1e6);
                for (int batch : options.batches()) {
                    HostTensor images = images(batch);
                    String label = backendName + " " + options.network();
                    BenchmarkResult result = benchmark.run(label, batch,
                            options.run().plan(),
                            () -> compiled.predict(images),
                            new ProgressBar(log, label + " batch " + batch));
                    log.println(result.describe());
                    records.add(BenchmarkRecord.of(backendName, options.network(), result));
                }
            }
        }
        return records;
    }

    /**
     * {@code model} with seeded batch-norm statistics and offsets as a trained network has them ({@code beta} and
     * {@code moving_mean} normal with spread 0.1, {@code gamma} and {@code moving_variance} uniform in [0.5, 1.5]).
     * Freshly initialised ones (zeros and ones) fold into convolutions whose biases are all zero, and TensorFlow's graph
     * optimiser removes an add of constant zeros: a backend would be timed without work that real weights need.
     */
    static Model withTrainedLikeBatchNorms(Model model) {
        Random rng = new Random(INPUT_SEED + 1);
        model.parameters().asMap().forEach((name, values) -> {
            float[] data = values.data();
            boolean offset = name.endsWith("/beta") || name.endsWith("/moving_mean");
            boolean scale = name.endsWith("/gamma") || name.endsWith("/moving_variance");
            for (int i = 0; i < data.length && (offset || scale); i++) {
                data[i] = offset ? (float) (0.1 * rng.nextGaussian()) : 0.5f + rng.nextFloat();
            }
        });
        return model;
    }

    /** A batch of {@code n} images of normally distributed pixels, the same for every backend. */
    static HostTensor images(int n) {
        Random rng = new Random(INPUT_SEED);
        float[] data = new float[n * IMAGE_SIZE * IMAGE_SIZE * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextGaussian();
        }
        return HostTensor.of(Shape.of(n, IMAGE_SIZE, IMAGE_SIZE, 3), data);
    }
}
