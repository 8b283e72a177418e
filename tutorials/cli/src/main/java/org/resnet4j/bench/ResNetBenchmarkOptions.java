package org.resnet4j.bench;

import static org.resnet4j.bench.OptionValues.atLeast;
import static org.resnet4j.bench.OptionValues.oneOf;
import static org.resnet4j.bench.OptionValues.positiveList;
import static org.resnet4j.bench.OptionValues.seconds;
import static org.resnet4j.bench.OptionValues.value;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line options of {@link ResNetBenchmark}, parsed and checked.
 *
 * @param network   the network to time, one of {@link ResNetBenchmark#NETWORKS}
 * @param backends  backend names to run; empty for every available one
 * @param batches   batch sizes, in order
 * @param threads   threads each backend may use
 * @param warmup    untimed runs per batch size, at least
 * @param warmupSeconds the least time of untimed runs per batch size
 * @param runs      timed runs per batch size
 * @param inProcess run every backend in this JVM instead of one JVM each
 * @param child     this JVM is a child started by the benchmark: print record lines, no table
 * @param records   a file whose record lines of the same network join the table (PyTorch's, ONNX Runtime's),
 *                  or {@code null}
 * @param references the engines each row is compared with, one column each, in order; may be empty
 * @param recordsOut a file to write the table's record lines to (for a summary over rounds), or {@code null}
 */
record ResNetBenchmarkOptions(String network, List<String> backends, List<Integer> batches, int threads,
        int warmup, double warmupSeconds, int runs, boolean inProcess, boolean child, Path records,
        List<String> references, Path recordsOut) {

    static final String USAGE = "usage: ResNetBenchmark [--network resnet50|resnet18] [--backend NAME[,NAME...]]"
            + " [--batches 1,8] [--threads 2] [--warmup 5] [--warmup-seconds 10] [--runs 10] [--in-process]"
            + " [--records FILE] [--reference ENGINE[,ENGINE...]] [--records-out FILE]";

    /** The default least warm-up time: long enough for the JIT compiler to finish with ND4J's calls at batch 1. */
    static final double DEFAULT_WARMUP_SECONDS = 10;

    /** Parses {@code args}; an unknown option or a bad value is an {@link IllegalArgumentException}. */
    static ResNetBenchmarkOptions parse(String... args) {
        String network = "resnet50";
        List<String> backends = List.of();
        List<Integer> batches = List.of(1, 8);
        int threads = 2;
        int warmup = 5;
        double warmupSeconds = DEFAULT_WARMUP_SECONDS;
        int runs = 10;
        boolean inProcess = false;
        boolean child = false;
        Path records = null;
        List<String> references = List.of();
        Path recordsOut = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--in-process" -> inProcess = true;
                case "--child" -> child = true;
                case "--network" -> network = oneOf(value(args, ++i, option), option,
                        ResNetBenchmark.NETWORKS.keySet());
                case "--backend" -> backends = List.of(value(args, ++i, option).split(","));
                case "--batches" -> batches = positiveList(value(args, ++i, option), option);
                case "--threads" -> threads = atLeast(value(args, ++i, option), option, 1);
                case "--warmup" -> warmup = atLeast(value(args, ++i, option), option, 0);
                case "--warmup-seconds" -> warmupSeconds = seconds(value(args, ++i, option), option);
                case "--runs" -> runs = atLeast(value(args, ++i, option), option, 1);
                case "--records" -> records = Path.of(value(args, ++i, option));
                case "--reference" -> references = List.of(value(args, ++i, option).split(","));
                case "--records-out" -> recordsOut = Path.of(value(args, ++i, option));
                default -> throw new IllegalArgumentException("Unknown option \"" + option + "\"");
            }
        }
        return new ResNetBenchmarkOptions(network, backends, batches, threads, warmup, warmupSeconds, runs, inProcess,
                child, records, references, recordsOut);
    }

    /** The arguments that make a child JVM benchmark {@code backend} with these settings. */
    List<String> childArguments(String backend) {
        List<String> a = new ArrayList<>(List.of("--child", "--network", network, "--backend", backend, "--threads",
                Integer.toString(threads), "--warmup", Integer.toString(warmup), "--warmup-seconds",
                Double.toString(warmupSeconds), "--runs", Integer.toString(runs), "--batches"));
        a.add(String.join(",", batches.stream().map(String::valueOf).toList()));
        return a;
    }
}
