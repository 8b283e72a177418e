package org.resnet4j.bench;

import java.util.List;
import java.util.Locale;

/**
 * Formats benchmark records as a Markdown table (engine, batch, median and minimum ms per batch, ms per image,
 * images per second), readable on a console and pasteable into {@code docs/performance.md}. With reference
 * engines, one last column per reference says how many times slower than it each row is, on the same network at
 * the same batch.
 */
public final class BenchmarkTable {
    private BenchmarkTable() {
    }

    /**
     * The table of {@code records} in their order, with a ratio column for each engine of {@code references} that
     * has a record (a reference without one adds no column).
     */
    public static String format(List<BenchmarkRecord> records, List<String> references) {
        List<String> present = references.stream()
                .filter(ref -> records.stream().anyMatch(r -> r.engine().equals(ref)))
                .toList();
        StringBuilder sb = new StringBuilder("| engine | batch | median ms/batch | min ms/batch | ms/image | images/s |");
        present.forEach(ref -> sb.append(" vs ").append(ref).append(" |"));
        sb.append("\n|---|---:|---:|---:|---:|---:|").append("---:|".repeat(present.size())).append('\n');
        for (BenchmarkRecord r : records) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.2f |", r.engine(), r.batch(),
                    r.medianMs(), r.minMs(), r.msPerImage(), r.imagesPerSecond()));
            for (String ref : present) {
                sb.append(records.stream()
                        .filter(o -> o.engine().equals(ref) && o.sameWorkAs(r))
                        .findFirst()
                        .map(o -> String.format(Locale.ROOT, " %.2fx |", r.medianMs() / o.medianMs()))
                        .orElse(" - |"));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
