package org.resnet4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.resnet4j.io.AtomicFiles;
import org.resnet4j.training.fit.EpochLogs;
import org.resnet4j.training.fit.History;

/**
 * The per-epoch values of a whole training run, the epochs of the runs it resumes included, and their CSV file
 * ({@code epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds}, one row per epoch, epochs counted from 1):
 * a checkpoint holds the weights and the optimizer but no history, so {@code train} keeps the history beside it to
 * draw the curves of every epoch after a {@code --resume}.
 */
final class RunHistory {
    private static final String EPOCH = "epoch";

    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> series = new LinkedHashMap<>();

    /** Records one epoch: its logs, learning rate and seconds, under Keras' {@link History} names. */
    void add(EpochLogs logs) {
        Map<String, Double> row = new LinkedHashMap<>(logs.values());
        row.put(History.LEARNING_RATE, logs.learningRate());
        row.put(History.SECONDS, logs.seconds());
        add(logs.epoch() + 1, row);
    }

    private void add(int epoch, Map<String, Double> row) {
        int before = epochs.size();
        epochs.add(epoch);
        for (Map.Entry<String, Double> value : row.entrySet()) {
            // A series that starts late (validation turned on when resuming) is padded with NaN, which the chart skips.
            List<Double> values = series.computeIfAbsent(value.getKey(),
                    k -> new ArrayList<>(Collections.nCopies(before, Double.NaN)));
            values.add(value.getValue());
        }
        series.values().forEach(values -> {
            if (values.size() < epochs.size()) {
                values.add(Double.NaN);
            }
        });
    }

    /** The epochs recorded, counted from 1. */
    List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Every series by name, one value per recorded epoch, as {@link TrainingChart#write} takes them. */
    Map<String, List<Double>> series() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        series.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        return copy;
    }

    /** The CSV text: a header, then one row per epoch; NaN for a value an epoch did not log. */
    String toCsv() {
        StringBuilder csv = new StringBuilder(EPOCH);
        series.keySet().forEach(key -> csv.append(',').append(key));
        csv.append('\n');
        for (int row = 0; row < epochs.size(); row++) {
            csv.append(epochs.get(row));
            for (List<Double> values : series.values()) {
                csv.append(',').append(format(values.get(row)));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** Writes {@link #toCsv()} beside {@code file} and moves it into place, so a reader never sees half a file. */
    void write(Path file) throws IOException {
        AtomicFiles.write(file, temporary -> Files.writeString(temporary, toCsv(), StandardCharsets.UTF_8));
    }

    /**
     * The rows of a CSV file written by {@link #write} for epochs {@code 1..upToEpoch} (a checkpoint saved after
     * epoch {@code upToEpoch}; later rows belong to a run that went on without saving this checkpoint).
     *
     * @throws IllegalArgumentException when the text is not such a file, with the line that is not
     */
    static RunHistory parse(String csv, int upToEpoch) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith(EPOCH + ",")) {
            throw new IllegalArgumentException("expected a header starting with \"" + EPOCH + ",\"");
        }
        String[] header = lines.get(0).split(",", -1);
        RunHistory history = new RunHistory();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException("line " + (i + 1) + " has " + cells.length + " values, the header "
                        + header.length);
            }
            try {
                int epoch = Integer.parseInt(cells[0].strip());
                if (epoch > upToEpoch) {
                    continue;
                }
                Map<String, Double> row = new LinkedHashMap<>();
                for (int c = 1; c < cells.length; c++) {
                    row.put(header[c], Double.parseDouble(cells[c].strip()));
                }
                history.add(epoch, row);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not numbers: " + lines.get(i), e);
            }
        }
        return history;
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.6g", value).strip();
    }
}
