package org.resnet4j.tutorials.lesson11;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.training.fit.BatchProgress;
import org.resnet4j.training.fit.Callback;
import org.resnet4j.training.fit.History;
import org.resnet4j.training.fit.Trainer;

/**
 * A callback that records the training error as the paper's figure 6 plots it: the fraction of training images
 * misclassified, here over windows of {@code window} steps (each step counts its batch as the model saw it, before
 * that step's update, augmented). The per-batch counts come from the differences of the epoch's running accuracy.
 */
public final class ErrorCurve implements Callback {
    /** One point: the window that ends after {@code iteration} steps, its error and its mean loss. */
    public record Point(long iteration, double error, double loss) {
    }

    private final int window;
    private final List<Point> points = new ArrayList<>();
    private double previousCorrect;
    private double previousLoss;
    private int previousSeen;
    private double windowCorrect;
    private double windowLoss;
    private int windowSamples;
    private long lastIteration;

    /** Records one point every {@code window} steps (and one for a last, shorter window). */
    public ErrorCurve(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("ErrorCurve expects a window >= 1. Received: " + window);
        }
        this.window = window;
    }

    @Override
    public void onEpochBegin(Trainer trainer, int epoch) {
        previousCorrect = 0;
        previousLoss = 0;
        previousSeen = 0;
    }

    @Override
    public void onBatchEnd(Trainer trainer, BatchProgress p) {
        double correct = p.metrics().get("accuracy") * p.samplesSeen();
        double lossSum = p.loss() * p.samplesSeen();
        windowCorrect += correct - previousCorrect;
        windowLoss += lossSum - previousLoss;
        windowSamples += p.samplesSeen() - previousSeen;
        previousCorrect = correct;
        previousLoss = lossSum;
        previousSeen = p.samplesSeen();
        lastIteration = p.iteration();
        if (p.iteration() % window == 0) {
            close(p.iteration());
        }
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        if (windowSamples > 0) {
            close(lastIteration);
        }
    }

    private void close(long iteration) {
        points.add(new Point(iteration, 1 - windowCorrect / windowSamples, windowLoss / windowSamples));
        windowCorrect = 0;
        windowLoss = 0;
        windowSamples = 0;
    }

    /** The points recorded so far, in order. */
    public List<Point> points() {
        return List.copyOf(points);
    }
}
