package org.resnet4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.resnet4j.training.Metric;
import org.resnet4j.training.fit.BatchProgress;
import org.resnet4j.training.fit.Callback;
import org.resnet4j.training.fit.EpochLogs;
import org.resnet4j.training.fit.Trainer;
import org.resnet4j.training.fit.TrainingPlan;

/**
 * What {@code resnet4j train} shows and keeps while {@code fit} runs: the {@link TrainingProgressBar} during each
 * epoch, one result line per epoch on standard output, and after each epoch the run's history as CSV and its curves
 * as a PNG ({@link TrainingChart}), both beside the saved model, so a long run can be watched and a stopped one
 * still has its curves.
 */
final class TrainingProgress implements Callback {
    private final TrainingProgressBar bar;
    private final PrintStream out;
    private final RunHistory history;
    private final Path historyFile;
    private final Path curvesFile;
    private final String title;
    private TrainingPlan plan;
    private long epochStartNanos;

    /**
     * @param bar         the bar drawn during each epoch
     * @param out         where the line per epoch goes
     * @param history     the epochs before this run (empty unless resuming); this run's are added
     * @param historyFile where the history is written as CSV after each epoch
     * @param curvesFile  where the curves are drawn after each epoch
     * @param title       the chart's title
     */
    TrainingProgress(TrainingProgressBar bar, PrintStream out, RunHistory history, Path historyFile, Path curvesFile,
            String title) {
        this.bar = bar;
        this.out = out;
        this.history = history;
        this.historyFile = historyFile;
        this.curvesFile = curvesFile;
        this.title = title;
    }

    @Override
    public void onTrainBegin(Trainer trainer, TrainingPlan newPlan) {
        this.plan = newPlan;
    }

    @Override
    public void onEpochBegin(Trainer trainer, int epoch) {
        bar.startEpoch(epoch + 1, plan.epochs());
        epochStartNanos = System.nanoTime();
    }

    @Override
    public void onBatchEnd(Trainer trainer, BatchProgress progress) {
        // BatchProgress keeps its metrics in no particular order; show them in the order they were compiled.
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Metric metric : trainer.metrics()) {
            metrics.put(metric.name(), progress.metrics().get(metric.name()));
        }
        bar.update(progress.batch() + 1, progress.batches(), progress.samplesSeen(), progress.loss(), metrics,
                Duration.ofNanos(System.nanoTime() - epochStartNanos));
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochLogs logs) {
        out.println(epochLine(logs, plan.epochs()));
        out.flush();
        history.add(logs);
        try {
            history.write(historyFile);
            TrainingChart.write(curvesFile, title, history.series());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the training curves " + curvesFile + " or history "
                    + historyFile + ": " + IoMessages.describe(e), e);
        }
    }

    /** {@code Epoch 3/10: loss=0.3412 accuracy=0.8821 val_loss=0.3567 val_accuracy=0.8750 seconds=65.2}. */
    static String epochLine(EpochLogs logs, int epochs) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d:", logs.epoch() + 1, epochs));
        logs.values().forEach((name, value) -> line.append(String.format(Locale.ROOT, " %s=%.4f", name, value)));
        line.append(String.format(Locale.ROOT, " seconds=%.1f", logs.seconds()));
        return line.toString();
    }
}
