package org.resnet4j.bench;

import static org.resnet4j.bench.OptionValues.atLeast;
import static org.resnet4j.bench.OptionValues.oneOf;
import static org.resnet4j.bench.OptionValues.seconds;
import static org.resnet4j.bench.OptionValues.value;

import java.nio.file.Path;
import java.util.List;

/**
 * The command-line options of {@link TrainingStepBenchmark}, parsed and checked.
 *
 * @param network    the network to train
 * @param backends   backend names to run; empty for every available one
 * @param batch      images per training step
 * @param threads    threads each backend may use
 * @param warmup     untimed steps, at least
 * @param warmupSeconds the least time of untimed steps
 * @param runs       timed steps
 * @param inProcess  run every backend in this JVM instead of one JVM each
 * @param child      this JVM is a child started by the benchmark: print record lines, no table
 * @param records    a file whose record lines of the same network join the table (PyTorch's), or {@code null}
 * @param references the engines each row is compared with, one column each, in order; may be empty
 * @param recordsOut a file to write the table's record lines to, or {@code null}
 * @param engine     the engine name the records of the one backend carry instead of the backend's name (a variant
 *                   such as TensorFlow without oneDNN, set through the environment), or {@code null}
 */
record TrainingStepBenchmarkOptions(TrainingNetwork network, List<String> backends, int batch, int threads,
        int warmup, double warmupSeconds, int runs, boolean inProcess, boolean child, Path records,
        List<String> references, Path recordsOut, String engine) {

    static final String USAGE = "usage: TrainingStepBenchmark [--network resnet50|mnist-resnet18]"
            + " [--backend NAME[,NAME...]] [--batch N (8 for resnet50, 128 for mnist-resnet18)] [--threads 2]"
            + " [--warmup 3] [--warmup-seconds 20] [--runs 5] [--in-process] [--records FILE]"
            + " [--reference ENGINE[,ENGINE...]] [--records-out FILE] [--engine NAME (with one --backend)]";

    /** Parses {@code args}; an unknown option or a bad value is an {@link IllegalArgumentException}. */
    static TrainingStepBenchmarkOptions parse(String... args) {
        TrainingNetwork network = TrainingNetwork.RESNET50;
        List<String> backends = List.of();
        int batch = 0;
        int threads = 2;
        int warmup = 3;
        // As the inference benchmark: nd4j runs about 300 ops per step through its Java executioner, which the JIT
        // compiler takes several steps to compile (ResNet-50: 2.46 s a step after 1 warm-up step, 1.46 s after 4).
        double warmupSeconds = 20;
        int runs = 5;
        boolean inProcess = false;
        boolean child = false;
        Path records = null;
        List<String> references = List.of();
        Path recordsOut = null;
        String engine = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--in-process" -> inProcess = true;
                case "--child" -> child = true;
                case "--network" -> network = TrainingNetwork.named(
                        oneOf(value(args, ++i, option), option, TrainingNetwork.ids()));
                case "--backend" -> backends = List.of(value(args, ++i, option).split(","));
                case "--batch" -> batch = atLeast(value(args, ++i, option), option, 1);
                case "--threads" -> threads = atLeast(value(args, ++i, option), option, 1);
                case "--warmup" -> warmup = atLeast(value(args, ++i, option), option, 0);
                case "--warmup-seconds" -> warmupSeconds = seconds(value(args, ++i, option), option);
                case "--runs" -> runs = atLeast(value(args, ++i, option), option, 1);
                case "--records" -> records = Path.of(value(args, ++i, option));
                case "--reference" -> references = List.of(value(args, ++i, option).split(","));
                case "--records-out" -> recordsOut = Path.of(value(args, ++i, option));
                case "--engine" -> engine = value(args, ++i, option);
                default -> throw new IllegalArgumentException("Unknown option \"" + option + "\"");
            }
        }
        if (engine != null && backends.size() != 1) {
            throw new IllegalArgumentException("--engine names the records of one backend, so it expects exactly one"
                    + " --backend. Received: " + (backends.isEmpty() ? "none (every available backend)" : backends));
        }
        return new TrainingStepBenchmarkOptions(network, backends, batch == 0 ? network.defaultBatch() : batch,
                threads, warmup, warmupSeconds, runs, inProcess, child, records, references, recordsOut, engine);
    }

    /** The arguments that make a child JVM benchmark {@code backend} with these settings. */
    List<String> childArguments(String backend) {
        return List.of("--child", "--network", network.id(), "--backend", backend, "--batch", Integer.toString(batch),
                "--threads", Integer.toString(threads), "--warmup", Integer.toString(warmup), "--warmup-seconds",
                Double.toString(warmupSeconds), "--runs", Integer.toString(runs));
    }

    /** The warm-up and timed steps. */
    BenchmarkPlan plan() {
        return new BenchmarkPlan(warmup, runs, warmupSeconds);
    }

    /** {@code records} with the engine renamed to {@link #engine()} when one is given. */
    List<BenchmarkRecord> named(List<BenchmarkRecord> measured) {
        if (engine == null) {
            return measured;
        }
        return measured.stream().map(r -> new BenchmarkRecord(engine, r.network(), r.batch(), r.medianMs(),
                r.minMs(), r.runs())).toList();
    }
}
