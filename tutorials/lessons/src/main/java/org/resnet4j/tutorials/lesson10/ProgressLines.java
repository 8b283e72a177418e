package org.resnet4j.tutorials.lesson10;

import java.io.PrintStream;
import java.util.Locale;
import org.resnet4j.training.fit.BatchProgress;
import org.resnet4j.training.fit.Callback;
import org.resnet4j.training.fit.EpochLogs;
import org.resnet4j.training.fit.Trainer;
import org.resnet4j.training.fit.TrainingPlan;

/**
 * A callback that prints what Keras' progress bar shows, as plain lines: the epoch's running loss and accuracy after
 * some of its batches (about {@code linesPerEpoch} of them, and always the last), then one line per epoch with the
 * validation results and the time.
 */
public final class ProgressLines implements Callback {
    private final PrintStream out;
    private final int linesPerEpoch;
    private int every = 1;
    private int epochs;
    private long epochStart;
    private long stepStart;
    private double stepSeconds;
    private long steps;

    /** Prints to {@code out}, about {@code linesPerEpoch} batch lines per epoch. */
    public ProgressLines(PrintStream out, int linesPerEpoch) {
        this.out = out;
        this.linesPerEpoch = linesPerEpoch;
    }

    @Override
    public void onTrainBegin(Trainer trainer, TrainingPlan plan) {
        every = Math.max(1, plan.batchesPerEpoch() / linesPerEpoch);
        epochs = plan.epochs();
    }

    @Override
    public void onEpochBegin(Trainer trainer, int epoch) {
        epochStart = System.nanoTime();
    }

    @Override
    public void onBatchBegin(Trainer trainer, int epoch, int batch, long iteration) {
        stepStart = System.nanoTime();
    }

    @Override
    public void onBatchEnd(Trainer trainer, BatchProgress p) {
        stepSeconds += (System.nanoTime() - stepStart) / 1e9;
        steps++;
        if ((p.batch() + 1) % every == 0 || p.batch() + 1 == p.batches()) {
            out.printf(Locale.ROOT, "  epoch %d batch %4d/%d  loss %.4f  accuracy %.4f  %6.1f s%n", p.epoch() + 1,
                    p.batch() + 1, p.batches(), p.loss(), p.metrics().get("accuracy"),
                    (System.nanoTime() - epochStart) / 1e9);
        }
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochLogs logs) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f  accuracy %.4f",
                logs.epoch() + 1, epochs, logs.get("loss"), logs.get("accuracy")));
        if (logs.values().containsKey("val_loss")) {
            line.append(String.format(Locale.ROOT, "  val_loss %.4f  val_accuracy %.4f", logs.get("val_loss"),
                    logs.get("val_accuracy")));
        }
        line.append(String.format(Locale.ROOT, "  (%.1f s)", logs.seconds()));
        out.println(line);
    }

    /** The mean time of one training step so far, in seconds (forward, backward and update). */
    public double secondsPerStep() {
        return steps == 0 ? Double.NaN : stepSeconds / steps;
    }
}
