package org.resnet4j.bench.onnxruntime;

import static org.resnet4j.bench.OptionValues.atLeast;
import static org.resnet4j.bench.OptionValues.nonNegative;
import static org.resnet4j.bench.OptionValues.oneOf;
import static org.resnet4j.bench.OptionValues.positiveList;
import static org.resnet4j.bench.OptionValues.seconds;
import static org.resnet4j.bench.OptionValues.value;

import java.nio.file.Path;
import java.util.List;

/**
 * The command-line options of {@link OnnxRuntimeBenchmark}, parsed and checked; the timing options mean what they
 * mean for {@code org.resnet4j.bench.ResNetBenchmark} and the PyTorch script, with the same defaults.
 *
 * @param models        the folder {@code bench/export_onnx.py} wrote: NETWORK.onnx, NETWORK.input.f32,
 *                      NETWORK.logits.f32
 * @param network       {@code resnet50} or {@code resnet18}
 * @param batches       batch sizes, in order
 * @param threads       ONNX Runtime's intra-op threads
 * @param warmup        untimed runs per batch size, at least
 * @param warmupSeconds the least time of untimed runs per batch size
 * @param runs          timed runs per batch size
 * @param tolerance     the largest difference from PyTorch's logits, relative to their scale
 */
record OnnxRuntimeOptions(Path models, String network, List<Integer> batches, int threads, int warmup,
        double warmupSeconds, int runs, double tolerance) {

    static final List<String> NETWORKS = List.of("resnet50", "resnet18");

    static final String USAGE = "usage: OnnxRuntimeBenchmark --models DIR [--network resnet50|resnet18]"
            + " [--batches 1,8] [--threads 2] [--warmup 5] [--warmup-seconds 10] [--runs 10] [--tolerance 1e-3]";

    /** The model file of the network. */
    Path modelFile() {
        return models.resolve(network + ".onnx");
    }

    /** The saved check input, N x 3 x 224 x 224. */
    Path checkInputFile() {
        return models.resolve(network + ".input.f32");
    }

    /** PyTorch's logits for the check input, N x 1000. */
    Path checkLogitsFile() {
        return models.resolve(network + ".logits.f32");
    }

    /** Parses {@code args}; an unknown option, a bad value or no {@code --models} is an IllegalArgumentException. */
    static OnnxRuntimeOptions parse(String... args) {
        Path models = null;
        String network = "resnet50";
        List<Integer> batches = List.of(1, 8);
        int threads = 2;
        int warmup = 5;
        double warmupSeconds = 10;
        int runs = 10;
        double tolerance = LogitsCheck.DEFAULT_TOLERANCE;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--models" -> models = Path.of(value(args, ++i, option));
                case "--network" -> network = oneOf(value(args, ++i, option), option, NETWORKS);
                case "--batches" -> batches = positiveList(value(args, ++i, option), option);
                case "--threads" -> threads = atLeast(value(args, ++i, option), option, 1);
                case "--warmup" -> warmup = atLeast(value(args, ++i, option), option, 0);
                case "--warmup-seconds" -> warmupSeconds = seconds(value(args, ++i, option), option);
                case "--runs" -> runs = atLeast(value(args, ++i, option), option, 1);
                case "--tolerance" -> tolerance = nonNegative(value(args, ++i, option), option);
                default -> throw new IllegalArgumentException("Unknown option \"" + option + "\"");
            }
        }
        if (models == null) {
            throw new IllegalArgumentException("--models expects the folder bench/export_onnx.py wrote. Received:"
                    + " nothing");
        }
        return new OnnxRuntimeOptions(models, network, batches, threads, warmup, warmupSeconds, runs, tolerance);
    }
}
