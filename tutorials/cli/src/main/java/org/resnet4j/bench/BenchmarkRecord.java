package org.resnet4j.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of benchmark output that another process can read back: engine, batch, median and minimum
 * milliseconds per batch, the number of timed runs and the network, tab-separated after the marker
 * {@value #MARKER}. The ResNet benchmark's child JVMs, the PyTorch script and the ONNX Runtime runner under
 * {@code bench/} print the same format, so one table can put them side by side; so do the training-step
 * benchmark's child JVMs and its PyTorch peer, {@code bench/pytorch_train_step.py} (a run is then one training step
 * of a batch).
 *
 * <p>The network is the last field so that the first six keep the places they had before it was added; a line
 * without it (six fields, as written before issue #17) is read as {@value #LEGACY_NETWORK}, the only network
 * measured then.
 *
 * @param engine   what ran, for example {@code tf}, {@code pytorch} or {@code onnxruntime}
 * @param network  which network, for example {@code resnet50} or {@code resnet18}
 * @param batch    images per run
 * @param medianMs median milliseconds per batch
 * @param minMs    fastest run in milliseconds
 * @param runs     timed runs
 */
public record BenchmarkRecord(String engine, String network, int batch, double medianMs, double minMs, int runs) {
    /** The first field of every record line. */
    public static final String MARKER = "bench-result";

    /** The network of a line that names none. */
    public static final String LEGACY_NETWORK = "resnet50";

    /** The record of a finished benchmark. */
    public static BenchmarkRecord of(String engine, String network, BenchmarkResult result) {
        return new BenchmarkRecord(engine, network, result.batch(), result.medianMs(), result.minMs(),
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

    /** Whether {@code other} measured the same network at the same batch (so that their times compare). */
    public boolean sameWorkAs(BenchmarkRecord other) {
        return network.equals(other.network) && batch == other.batch;
    }

    /** The machine-readable line. */
    public String toLine() {
        return String.format(Locale.ROOT, "%s\t%s\t%d\t%.3f\t%.3f\t%d\t%s", MARKER, engine, batch, medianMs, minMs,
                runs, network);
    }

    /** The record on {@code line}, or empty when the line is not one (other output of a child process). */
    public static Optional<BenchmarkRecord> parse(String line) {
        String[] f = line.strip().split("\t");
        if ((f.length != 6 && f.length != 7) || !f[0].equals(MARKER)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BenchmarkRecord(f[1], f.length == 7 ? f[6] : LEGACY_NETWORK,
                    Integer.parseInt(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                    Integer.parseInt(f[5])));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A " + MARKER + " line expects engine, batch, median, min, runs and"
                    + " network. Received: \"" + line + "\"", e);
        }
    }

    /**
     * The records among {@code lines} (another engine's output, its other lines ignored) that measured
     * {@code network}: a table compares one network only.
     */
    public static List<BenchmarkRecord> amongLines(List<String> lines, String network) {
        return lines.stream().flatMap(line -> parse(line).stream()).filter(r -> r.network().equals(network)).toList();
    }
}
