package org.resnet4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.resnet4j.Backends;
import org.resnet4j.spi.BackendProvider;

/**
 * What the benchmarks ({@link ResNetBenchmark}, {@link TrainingStepBenchmark}) share around the measurement: one run
 * per backend, each in a child JVM of its own (the benchmark's main class again, with {@code --child}, printing
 * record lines) or all in this JVM, and the report at the end (record lines from a child, a table otherwise).
 *
 * <p>A child JVM per backend keeps one backend's thread pools (TensorFlow's inter- and intra-op pools, ND4J's
 * OpenMP team, which spins for a while after each parallel region), native memory and JIT warm-up away from the
 * next backend's timed runs.
 */
final class BackendRuns {
    private BackendRuns() {
    }

    /** The backends whose probe says they can run here, in the order the providers are found. */
    static List<String> available() {
        return Backends.providers().stream().filter(p -> p.probe().available()).map(BackendProvider::name).toList();
    }

    /** The backends {@code run} names, or every available one when it names none. */
    static List<String> backends(BackendRunOptions run) {
        return run.backends().isEmpty() ? available() : run.backends();
    }

    /** The record lines of {@code network} in the file {@code run} names to join the table; none without one. */
    static List<BenchmarkRecord> joined(BackendRunOptions run, String network) throws IOException {
        return run.records() == null ? List.of()
                : BenchmarkRecord.amongLines(Files.readAllLines(run.records(), StandardCharsets.UTF_8), network);
    }

    /**
     * Whether {@code main} must measure in this JVM although {@code run} asks for a child JVM per backend, because
     * no child could load it ({@link #childJvmCanStart}); says so on standard error. Then run again on
     * {@link #inThisJvm} of the arguments.
     */
    static boolean noChildJvmFor(Class<?> main, BackendRunOptions run) {
        if (run.inThisJvm() || childJvmCanStart(main)) {
            return false;
        }
        System.err.println("The JVM's class path does not hold the benchmark (run through a launcher such as"
                + " exec:java?), so no child JVM could load it: running every backend in this JVM instead.");
        return true;
    }

    /**
     * Whether a child JVM started with this JVM's {@code java.class.path} would find {@code main} (not when run
     * through a launcher such as {@code exec:java}, whose class loader holds the class path).
     */
    static boolean childJvmCanStart(Class<?> main) {
        try {
            Class.forName(main.getName(), false, ClassLoader.getSystemClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** {@code args} with {@code --in-process} added: for when {@link #noChildJvmFor} says so. */
    static String[] inThisJvm(String[] args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--in-process";
        return all;
    }

    /**
     * The lines a benchmark prints before it measures: what it measures ({@code measurement}) with the run settings
     * of {@code run} (its timed unit named {@code unit}: runs, steps), the backends and where they run, then the
     * machine ({@link BenchmarkMachine}). None in a child JVM: its parent has printed them, and the child adds only
     * its backend's own lines.
     */
    static List<String> header(String measurement, String unit, List<String> backends, BackendRunOptions run) {
        if (run.child()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%s, %d threads, warm-up of at least %d %s and %.0f s, %d timed %s; backends %s, %s",
                measurement, run.threads(), run.warmup(), unit, run.warmupSeconds(), run.runs(), unit, backends,
                run.inThisJvm() ? "in this JVM" : "each in its own JVM"));
        lines.addAll(BenchmarkMachine.lines(backends));
        return lines;
    }

    /**
     * The records of every backend in {@code backends}, in order: measured by {@code here} in this JVM when
     * {@code run} says so ({@link BackendRunOptions#inThisJvm}), otherwise each by {@code main} in a child JVM
     * started with {@code childArguments} of the backend and the environment that gives its native thread pools the
     * run's threads.
     */
    static List<BenchmarkRecord> collect(Class<?> main, List<String> backends, BackendRunOptions run,
            Function<String, List<BenchmarkRecord>> here, Function<String, List<String>> childArguments)
            throws IOException, InterruptedException {
        List<BenchmarkRecord> records = new ArrayList<>();
        for (String backend : backends) {
            records.addAll(run.inThisJvm() ? here.apply(backend)
                    : inChildJvm(main, backend, childArguments.apply(backend), run.threads()));
        }
        return records;
    }

    /**
     * Reports {@code records}: a child prints their lines for its parent, a parent prints the table with a ratio
     * column per reference engine of {@code run}; both write the lines to the run's records file when it has one.
     */
    static void report(List<BenchmarkRecord> records, BackendRunOptions run) throws IOException {
        if (run.child()) {
            records.forEach(r -> System.out.println(r.toLine()));
        } else {
            System.out.println();
            System.out.print(BenchmarkTable.format(records, run.references()));
        }
        if (run.recordsOut() != null) {
            Files.write(run.recordsOut(), records.stream().map(BenchmarkRecord::toLine).toList(),
                    StandardCharsets.UTF_8);
        }
    }

    /** Runs {@code main} for one backend in a fresh JVM with this JVM's class path and reads back its records. */
    private static List<BenchmarkRecord> inChildJvm(Class<?> main, String backend, List<String> arguments, int threads)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The parent's JVM flags (heap, system properties such as -Dresnet4j.foldBatchNorm) apply to the child too.
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(arguments);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(ThreadSettings.environment(threads));
        Process process = pb.start();
        List<BenchmarkRecord> records = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                BenchmarkRecord.parse(line).ifPresentOrElse(records::add, System.err::println);
            }
        }
        int status = process.waitFor();
        if (status != 0) {
            throw new IllegalStateException("The benchmark of backend " + backend + " exited with status " + status
                    + " (its messages are above)");
        }
        return records;
    }
}
