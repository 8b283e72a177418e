package org.resnet4j.bench;

import java.util.List;
import java.util.Locale;

/**
 * Formats benchmark records as a Markdown table (engine, batch, median and minimum ms per batch, ms per image,
 * images per second), readable on a console and pasteable into {@code docs/performance.md}. With a reference
 * engine, a last column says how many times slower than the reference each row is, at the same batch.
 */
public final class BenchmarkTable {
    private BenchmarkTable() {
    }

    /** The table of {@code records} in their order; {@code reference} may be {@code null} for no ratio column. */
    public static String format(List<BenchmarkRecord> records, String reference) {
        StringBuilder sb = new StringBuilder();
        boolean ratio = reference != null && records.stream().anyMatch(r -> r.engine().equals(reference));
        sb.append("| engine | batch | median ms/batch | min ms/batch | ms/image | images/s |");
        sb.append(ratio ? " vs " + reference + " |\n" : "\n");
        sb.append("|---|---:|---:|---:|---:|---:|").append(ratio ? "---:|\n" : "\n");
        for (BenchmarkRecord r : records) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.2f |", r.engine(), r.batch(),
                    r.medianMs(), r.minMs(), r.msPerImage(), r.imagesPerSecond()));
            if (ratio) {
                sb.append(records.stream()
                        .filter(o -> o.engine().equals(reference) && o.batch() == r.batch())
                        .findFirst()
                        .map(o -> String.format(Locale.ROOT, " %.2fx |", r.medianMs() / o.medianMs()))
                        .orElse(" - |"));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
