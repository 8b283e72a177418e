package org.resnet4j.tutorials.lesson11;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.training.fit.BatchProgress;
import org.resnet4j.training.fit.Callback;
import org.resnet4j.training.fit.Trainer;

/** A callback that times every training step (forward, backward and update of one batch), in seconds. */
public final class StepTimer implements Callback {
    private final List<Double> seconds = new ArrayList<>();
    private long start;

    @Override
    public void onBatchBegin(Trainer trainer, int epoch, int batch, long iteration) {
        start = System.nanoTime();
    }

    @Override
    public void onBatchEnd(Trainer trainer, BatchProgress progress) {
        seconds.add((System.nanoTime() - start) / 1e9);
    }

    /**
     * The mean time of a step, leaving out the first when there are others: the first also builds what the backend
     * caches (TensorFlow's graph, for one), which a long run pays once.
     */
    public double secondsPerStep() {
        List<Double> steady = seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds;
        return steady.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The number of steps timed. */
    public int steps() {
        return seconds.size();
    }
}
