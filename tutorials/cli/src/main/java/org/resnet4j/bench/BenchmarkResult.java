package org.resnet4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The timed runs of one benchmark and the figures read from them.
 *
 * @param label     what was measured, for example {@code tf resnet50}
 * @param batch     images per run
 * @param samplesMs the duration of every timed run in milliseconds, in the order they ran
 */
public record BenchmarkResult(String label, int batch, List<Double> samplesMs) {
    public BenchmarkResult {
        samplesMs = List.copyOf(samplesMs);
        if (samplesMs.isEmpty()) {
            throw new IllegalArgumentException(label + ": a result expects at least one timed run. Received none");
        }
        if (batch < 1) {
            throw new IllegalArgumentException(label + ": a result expects a batch of at least 1. Received: " + batch);
        }
    }

    /** The median duration per batch; the mean of the two middle samples when their number is even. */
    public double medianMs() {
        List<Double> sorted = new ArrayList<>(samplesMs);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The fastest run. */
    public double minMs() {
        return Collections.min(samplesMs);
    }

    /** Throughput at the median: images per second. */
    public double imagesPerSecond() {
        return batch * 1000.0 / medianMs();
    }

    /** The median duration divided by the batch: milliseconds per image. */
    public double medianMsPerImage() {
        return medianMs() / batch;
    }

    /** One line for a console or a log: label, batch, median, minimum, per-image time and throughput. */
    public String describe() {
        return String.format("%s batch %d: median %.1f ms, min %.1f ms, %.1f ms/image, %.1f images/s (%d runs)",
                label, batch, medianMs(), minMs(), medianMsPerImage(), imagesPerSecond(), samplesMs.size());
    }
}
