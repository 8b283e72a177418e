package org.resnet4j.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * One line of benchmark output that another process can read back: engine, batch, median and minimum
 * milliseconds per batch and the number of timed runs, tab-separated after the marker {@value #MARKER}. The
 * ResNet-50 benchmark's child JVMs and the PyTorch script under {@code bench/} print the same format, so one table
 * can put them side by side.
 *
 * @param engine   what ran, for example {@code tf} or {@code pytorch}
 * @param batch    images per run
 * @param medianMs median milliseconds per batch
 * @param minMs    fastest run in milliseconds
 * @param runs     timed runs
 */
public record BenchmarkRecord(String engine, int batch, double medianMs, double minMs, int runs) {
    /** The first field of every record line. */
    public static final String MARKER = "bench-result";

    /** The record of a finished benchmark. */
    public static BenchmarkRecord of(String engine, BenchmarkResult result) {
        return new BenchmarkRecord(engine, result.batch(), result.medianMs(), result.minMs(),
                result.samplesMs().size());
    }

    /** Milliseconds per image at the median. */
    public double msPerImage() {
        return medianMs / batch;
    }

    /** Images per second at the median. */
    public double imagesPerSecond() {
        return batch * 1000.0 / medianMs;
    }

    /** The machine-readable line. */
    public String toLine() {
        return String.format(Locale.ROOT, "%s\t%s\t%d\t%.3f\t%.3f\t%d", MARKER, engine, batch, medianMs, minMs, runs);
    }

    /** The record on {@code line}, or empty when the line is not one (other output of a child process). */
    public static Optional<BenchmarkRecord> parse(String line) {
        String[] f = line.strip().split("\t");
        if (f.length != 6 || !f[0].equals(MARKER)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BenchmarkRecord(f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Integer.parseInt(f[5])));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A " + MARKER + " line expects engine, batch, median, min and runs."
                    + " Received: \"" + line + "\"", e);
        }
    }
}
