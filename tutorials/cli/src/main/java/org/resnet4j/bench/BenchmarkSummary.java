package org.resnet4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sums up several rounds of the benchmark: per engine, network and batch, the median of the round medians, their
 * range, and per round the ratio to a reference engine in the same round, with the longest run of rounds in a row
 * within a target ratio. {@code bench/compare.sh} calls it with one record file per round:
 *
 * <pre>
 * BenchmarkSummary [--reference onnxruntime] [--target 1.2] ROUND_FILE...
 * </pre>
 */
public final class BenchmarkSummary {
    static final String USAGE = "usage: BenchmarkSummary [--reference ENGINE] [--target RATIO] ROUND_FILE...";

    private BenchmarkSummary() {
    }

    /** Prints the summary of the round files named in {@code args}; exits with 2 on bad arguments. */
    public static void main(String[] args) throws IOException {
        String reference = "onnxruntime";
        double target = 1.2;
        List<Path> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--reference" -> reference = value(args, ++i);
                    case "--target" -> target = ratio(value(args, ++i));
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("Unknown option \"" + args[i] + "\"");
                        }
                        files.add(Path.of(args[i]));
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("BenchmarkSummary expects one record file per round. Received:"
                        + " none");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        List<List<BenchmarkRecord>> rounds = new ArrayList<>();
        for (Path file : files) {
            List<BenchmarkRecord> round = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                BenchmarkRecord.parse(line).ifPresent(round::add);
            }
            rounds.add(round);
        }
        System.out.print(format(summarise(rounds, reference), rounds.size(), reference, target));
    }

    /**
     * One summary per engine, network and batch, in the order they first appear. A round that has no record of
     * an engine's network and batch is left out of that engine's summary.
     *
     * @param rounds    the records of each round, in round order
     * @param reference the engine the ratios are taken to
     */
    public static List<RoundSummary> summarise(List<List<BenchmarkRecord>> rounds, String reference) {
        Map<String, List<Double>> medians = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, BenchmarkRecord> firsts = new LinkedHashMap<>();
        for (List<BenchmarkRecord> round : rounds) {
            for (BenchmarkRecord r : round) {
                String key = r.engine() + "\t" + r.network() + "\t" + r.batch();
                firsts.putIfAbsent(key, r);
                medians.computeIfAbsent(key, k -> new ArrayList<>()).add(r.medianMs());
                double ratio = round.stream()
                        .filter(o -> o.engine().equals(reference) && o.sameWorkAs(r))
                        .findFirst()
                        .map(o -> r.medianMs() / o.medianMs())
                        .orElse(Double.NaN);
                ratios.computeIfAbsent(key, k -> new ArrayList<>()).add(ratio);
            }
        }
        return firsts.entrySet().stream()
                .map(e -> new RoundSummary(e.getValue().engine(), e.getValue().network(), e.getValue().batch(),
                        medians.get(e.getKey()), ratios.get(e.getKey())))
                .toList();
    }

    /**
     * The summaries as a Markdown table, grouped by network, then batch, each group in the order the engines
     * first appeared.
     *
     * @param roundCount how many rounds there were (an engine may have fewer)
     * @param target     the ratio to the reference a round must stay within to count towards the streak column
     */
    public static String format(List<RoundSummary> summaries, int roundCount, String reference, double target) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "| network | batch | engine | rounds | median of round medians ms/batch | range ms/batch | ms/image"
                        + " | vs %s per round | rounds in a row <= %.2fx |\n", reference, target));
        sb.append("|---|---:|---|---:|---:|---:|---:|---|---:|").append('\n');
        List<String> networks = summaries.stream().map(RoundSummary::network).distinct().toList();
        for (String network : networks) {
            List<Integer> batches = summaries.stream().filter(s -> s.network().equals(network))
                    .map(RoundSummary::batch).distinct().sorted().toList();
            for (int batch : batches) {
                for (RoundSummary s : summaries) {
                    if (s.network().equals(network) && s.batch() == batch) {
                        sb.append(row(s, roundCount, reference, target)).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String row(RoundSummary s, int roundCount, String reference, double target) {
        String ratios = s.ratios().stream()
                .map(r -> r.isNaN() ? "-" : String.format(Locale.ROOT, "%.2fx", r))
                .collect(Collectors.joining(", "));
        String streak = s.engine().equals(reference) ? "-" : Integer.toString(s.longestStreakAtMost(target));
        return String.format(Locale.ROOT, "| %s | %d | %s | %d/%d | %.1f | %.1f..%.1f | %.1f | %s | %s |",
                s.network(), s.batch(), s.engine(), s.roundMedians().size(), roundCount, s.medianMs(), s.lowestMs(),
                s.highestMs(), s.medianMs() / s.batch(), ratios, streak);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " expects a value. Received: nothing");
        }
        return args[i];
    }

    private static double ratio(String value) {
        try {
            double r = Double.parseDouble(value.trim());
            if (r > 0 && !Double.isInfinite(r)) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--target expects a ratio above 0. Received: \"" + value + "\"");
    }
}
