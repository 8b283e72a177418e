package org.resnet4j.bench;

import static org.resnet4j.bench.OptionValues.atLeast;
import static org.resnet4j.bench.OptionValues.seconds;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The command-line options that every benchmark run through {@link BackendRuns} shares, parsed and checked: which
 * backends, their threads, the warm-up and timed runs, in which JVM, and where record lines come from and go to. A
 * benchmark declares only its own options (its network, its batch sizes) as an {@link OwnOptions}, to which
 * {@link #parse} hands every option it does not know.
 *
 * @param backends      backend names to run; empty for every available one
 * @param threads       threads each backend may use
 * @param warmup        untimed runs, at least
 * @param warmupSeconds the least time of untimed runs
 * @param runs          timed runs
 * @param inProcess     run every backend in this JVM instead of one JVM each
 * @param child         this JVM is a child started by the benchmark: print record lines, no table and no header
 * @param records       a file whose record lines of the same network join the table (PyTorch's, ONNX Runtime's), or
 *                      {@code null}
 * @param references    the engines each row is compared with, one column each, in order; may be empty
 * @param recordsOut    a file to write the table's record lines to (for a summary over rounds), or {@code null}
 */
record BackendRunOptions(List<String> backends, int threads, int warmup, double warmupSeconds, int runs,
        boolean inProcess, boolean child, Path records, List<String> references, Path recordsOut) {

    /** The threads each backend may use unless {@code --threads} says otherwise: the issues' setting. */
    static final int DEFAULT_THREADS = 2;

    /** The options one benchmark adds to the shared ones; it keeps what it reads. */
    @FunctionalInterface
    interface OwnOptions {
        /**
         * Reads {@code option} when it is one of this benchmark's and says whether it was; {@code value} gives the
         * argument after it (an "expects a value" error when there is none), for an option that takes one.
         */
        boolean read(String option, Supplier<String> value);
    }

    /**
     * Parses {@code args}: the shared options, with {@code defaults} for the warm-up and timed runs (the benchmarks
     * differ there), and every other option through {@code own}. An option neither knows, a missing value or a bad
     * one is an {@link IllegalArgumentException} that names the option.
     */
    static BackendRunOptions parse(String[] args, BenchmarkPlan defaults, OwnOptions own) {
        List<String> backends = List.of();
        int threads = DEFAULT_THREADS;
        int warmup = defaults.warmups();
        double warmupSeconds = defaults.warmupSeconds();
        int runs = defaults.iterations();
        boolean inProcess = false;
        boolean child = false;
        Path records = null;
        List<String> references = List.of();
        Path recordsOut = null;
        Arguments arguments = new Arguments(args);
        while (arguments.remain()) {
            String option = arguments.next();
            switch (option) {
                case "--in-process" -> inProcess = true;
                case "--child" -> child = true;
                case "--backend" -> backends = List.of(arguments.valueOf(option).split(","));
                case "--threads" -> threads = atLeast(arguments.valueOf(option), option, 1);
                case "--warmup" -> warmup = atLeast(arguments.valueOf(option), option, 0);
                case "--warmup-seconds" -> warmupSeconds = seconds(arguments.valueOf(option), option);
                case "--runs" -> runs = atLeast(arguments.valueOf(option), option, 1);
                case "--records" -> records = Path.of(arguments.valueOf(option));
                case "--reference" -> references = List.of(arguments.valueOf(option).split(","));
                case "--records-out" -> recordsOut = Path.of(arguments.valueOf(option));
                default -> {
                    if (!own.read(option, () -> arguments.valueOf(option))) {
                        throw new IllegalArgumentException("Unknown option \"" + option + "\"");
                    }
                }
            }
        }
        return new BackendRunOptions(backends, threads, warmup, warmupSeconds, runs, inProcess, child, records,
                references, recordsOut);
    }

    /** The warm-up and timed runs. */
    BenchmarkPlan plan() {
        return new BenchmarkPlan(warmup, runs, warmupSeconds);
    }

    /** Whether the backends are measured in this JVM: with {@code --in-process}, or in a child. */
    boolean inThisJvm() {
        return inProcess || child;
    }

    /**
     * The arguments that make a child JVM benchmark {@code backend} with these settings: {@code --child}, the
     * benchmark's {@code own} arguments, then the backend and the settings it is measured with. Where the records
     * come from and go to stays with the parent, which makes the table.
     */
    List<String> childArguments(String backend, List<String> own) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--child");
        arguments.addAll(own);
        arguments.addAll(List.of("--backend", backend, "--threads", Integer.toString(threads), "--warmup",
                Integer.toString(warmup), "--warmup-seconds", Double.toString(warmupSeconds), "--runs",
                Integer.toString(runs)));
        return arguments;
    }

    /** The command-line arguments, read from the first on: an option, then its value when it takes one. */
    private static final class Arguments {
        private final String[] args;
        private int next;

        Arguments(String[] args) {
            this.args = args;
        }

        boolean remain() {
            return next < args.length;
        }

        String next() {
            return args[next++];
        }

        /** The value of {@code option}, the next argument, which must exist. */
        String valueOf(String option) {
            return OptionValues.value(args, next++, option);
        }
    }
}
