package org.resnet4j.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Feeds a reader its seed corpus and mutants of it, one input at a time on a worker thread, and judges each: the
 * reader must return, or throw one of the allowed exception types with a message that names the file, within a time
 * limit and without allocating more than a limit; anything else is a finding, saved under
 * {@code target/fuzz-findings/NAME/} so that it can be added to the corpus once fixed.
 *
 * <p>Two modes. Regression (the default, what {@code ./mvnw verify} runs): every corpus file, then a fixed number of
 * mutants drawn from a fixed seed, so every build tries the same inputs. Fuzzing ({@code -Dfuzz.seconds=N}): mutants
 * from a time-based seed (or {@code -Dfuzz.seed}) for N seconds. In both, a mutant that draws a typed-error message
 * not seen before joins the pool that later mutants are drawn from: without coverage instrumentation, a new message
 * is the cheapest sign that the input reached a new check.
 */
public final class FuzzCampaign {
    /** Mutants per target in regression mode, unless {@code -Dfuzz.regressionMutants} says otherwise. */
    static final int DEFAULT_REGRESSION_MUTANTS = 300;
    private static final long REGRESSION_SEED = 18L;
    private static final int MAX_POOL = 400;

    private final String name;
    private final FuzzTarget target;
    private final List<Path> corpus = new ArrayList<>();
    private final List<Mutation> mutations = new ArrayList<>();
    private final List<Class<? extends Throwable>> allowed = new ArrayList<>();
    private String extension = ".bin";
    private long millisPerInput = 10_000;
    private long maxAllocatedBytes = 256L * 1024 * 1024;

    private FuzzCampaign(String name, FuzzTarget target) {
        this.name = name;
        this.target = target;
    }

    /** A campaign called {@code name} (its corpus folder and findings folder) on {@code target}. */
    public static FuzzCampaign of(String name, FuzzTarget target) {
        return new FuzzCampaign(name, target);
    }

    /** Adds every file of the class-path folder {@code /fuzz/NAME} (the committed seed corpus) to the corpus. */
    public FuzzCampaign corpusOnClassPath(Class<?> anchor) {
        URL url = anchor.getResource("/fuzz/" + name);
        if (url == null) {
            throw new IllegalStateException("No seed corpus /fuzz/" + name + " on the class path");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            files.filter(Files::isRegularFile).sorted().forEach(corpus::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Adds {@code files} to the corpus. */
    public FuzzCampaign corpus(Path... files) {
        corpus.addAll(List.of(files));
        return this;
    }

    /** Adds mutations to draw from (each with the same chance). */
    public FuzzCampaign mutations(List<Mutation> more) {
        mutations.addAll(more);
        return this;
    }

    /** Exception types the reader may throw for a bad file (their message must name the file). */
    @SafeVarargs
    public final FuzzCampaign allowing(Class<? extends Throwable>... types) {
        allowed.addAll(List.of(types));
        return this;
    }

    /** The name ending each input file gets, for readers that look at it. */
    public FuzzCampaign extension(String dotExtension) {
        this.extension = dotExtension;
        return this;
    }

    /** The most one input may allocate on the worker thread, in bytes. */
    public FuzzCampaign maxAllocatedBytes(long bytes) {
        this.maxAllocatedBytes = bytes;
        return this;
    }

    /** Runs in the mode the system properties choose (see the class comment) and returns what it saw. */
    public FuzzReport run() {
        String seconds = System.getProperty("fuzz.seconds", System.getenv("FUZZ_SECONDS"));
        if (seconds != null && !seconds.isBlank()) {
            long seed = Long.getLong("fuzz.seed", System.nanoTime());
            return run(seed, Integer.MAX_VALUE, (long) (Double.parseDouble(seconds) * 1000));
        }
        return run(REGRESSION_SEED, Integer.getInteger("fuzz.regressionMutants", DEFAULT_REGRESSION_MUTANTS),
                Long.MAX_VALUE);
    }

    /** Runs every corpus file, then up to {@code mutants} mutants from {@code seed} within {@code millis}. */
    public FuzzReport run(long seed, int mutants, long millis) {
        if (corpus.isEmpty() || mutations.isEmpty() || allowed.isEmpty()) {
            throw new IllegalStateException("fuzz campaign " + name + " needs a corpus, mutations and allowed errors");
        }
        long started = System.nanoTime();
        Map<Outcome, Integer> counts = FuzzReport.emptyCounts();
        Set<String> messages = new LinkedHashSet<>();
        List<String> findings = new ArrayList<>();
        List<byte[]> pool = new ArrayList<>();
        Random random = new Random(seed);
        Path dir;
        try {
            dir = Files.createTempDirectory("fuzz-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path input = dir.resolve("input" + extension);
        Worker worker = new Worker();
        try {
            for (Path seedFile : corpus) {
                byte[] bytes = Files.readAllBytes(seedFile);
                pool.add(bytes);
                judge(bytes, input, worker, counts, messages, findings, pool);
            }
            int seedCount = pool.size();
            long deadline = millis == Long.MAX_VALUE ? Long.MAX_VALUE : started + millis * 1_000_000;
            for (int i = 0; i < mutants && System.nanoTime() < deadline; i++) {
                // Half the parents are seeds, so that the pool of odd mutants does not drift away from real files.
                byte[] parent = pool.get(random.nextBoolean() ? random.nextInt(seedCount) : random.nextInt(pool.size()));
                byte[] child = parent;
                int stacked = 1 + random.nextInt(3);
                for (int m = 0; m < stacked; m++) {
                    child = mutations.get(random.nextInt(mutations.size())).apply(child, random);
                }
                judge(child, input, worker, counts, messages, findings, pool);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            worker.stop();
            deleteQuietly(input);
            deleteQuietly(dir);
        }
        FuzzReport report = new FuzzReport(name, counts, List.copyOf(messages), findings,
                (System.nanoTime() - started) / 1e9);
        record(report, seed);
        return report;
    }

    private void judge(byte[] bytes, Path input, Worker worker, Map<Outcome, Integer> counts, Set<String> messages,
                       List<String> findings, List<byte[]> pool) throws IOException {
        Files.write(input, bytes);
        Verdict verdict = worker.read(input);
        counts.merge(verdict.outcome, 1, Integer::sum);
        if (verdict.outcome == Outcome.TYPED_ERROR) {
            String masked = mask(verdict.thrown.getMessage(), input);
            if (messages.add(masked) && pool.size() < MAX_POOL) {
                pool.add(bytes);
            }
        } else if (verdict.outcome.isFinding()) {
            Path saved = save(bytes, verdict.outcome);
            findings.add(verdict.outcome + " " + saved + ": " + verdict.describe());
        }
    }

    private Verdict classify(Path input, Throwable thrown, long allocated) {
        if (allocated > maxAllocatedBytes) {
            return new Verdict(Outcome.OVERALLOCATION, thrown, "allocated " + allocated + " bytes for a file of "
                    + sizeOf(input) + " bytes (limit " + maxAllocatedBytes + ")");
        }
        if (thrown == null) {
            return new Verdict(Outcome.ACCEPTED, null, "");
        }
        boolean typed = allowed.stream().anyMatch(t -> t.isInstance(thrown));
        String message = thrown.getMessage();
        if (typed && message != null && message.contains(input.getFileName().toString())) {
            return new Verdict(Outcome.TYPED_ERROR, thrown, "");
        }
        return new Verdict(Outcome.CRASH, thrown, typed ? "the message does not name the file" : "not an allowed type");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String mask(String message, Path input) {
        String m = message.replace(input.toString(), "FILE").replaceAll("\\d+", "#");
        return m.length() > 200 ? m.substring(0, 200) : m;
    }

    private Path save(byte[] bytes, Outcome outcome) throws IOException {
        Path dir = FuzzReport.findingsDir(name);
        Files.createDirectories(dir);
        Path file = dir.resolve(outcome.name().toLowerCase() + "-" + sha1(bytes).substring(0, 12) + extension);
        Files.write(file, bytes);
        return file.toAbsolutePath();
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void record(FuzzReport report, long seed) {
        String line = report.summary() + " (seed " + seed + ")";
        System.out.println(line);
        report.messages().forEach(m -> System.out.println("  typed: " + m));
        report.findings().forEach(f -> System.out.println("  FINDING " + f));
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "fuzz-reports.txt"), line + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the report is printed too; the file is a convenience
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans it
        }
    }

    /** The outcome of one input and what was thrown. */
    private record Verdict(Outcome outcome, Throwable thrown, String why) {
        String describe() {
            String what = thrown == null ? "" : thrown.toString();
            return (why.isEmpty() ? "" : why + ": ") + (what.length() > 500 ? what.substring(0, 500) : what);
        }
    }

    /**
     * Runs each read on one daemon thread and measures what it allocates there; a read over the time limit is a hang,
     * and its thread is abandoned (it cannot be stopped) for a fresh one.
     */
    private final class Worker {
        private ExecutorService executor = newExecutor();

        Verdict read(Path input) {
            Future<Verdict> future = executor.submit(() -> {
                com.sun.management.ThreadMXBean threads =
                        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long before = threads.getCurrentThreadAllocatedBytes();
                Throwable thrown = null;
                try {
                    target.read(input);
                } catch (Throwable t) {
                    thrown = t;
                }
                return classify(input, thrown, threads.getCurrentThreadAllocatedBytes() - before);
            });
            try {
                return future.get(millisPerInput, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                executor.shutdownNow();
                executor = newExecutor();
                return new Verdict(Outcome.HANG, null, "no answer within " + millisPerInput + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fuzzing " + name, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the fuzz worker failed", e.getCause());
            }
        }

        void stop() {
            executor.shutdownNow();
        }

        private ExecutorService newExecutor() {
            return Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fuzz-" + name);
                t.setDaemon(true);
                return t;
            });
        }
    }
}
