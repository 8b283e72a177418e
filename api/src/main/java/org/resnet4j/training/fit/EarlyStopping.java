package org.resnet4j.training.fit;

import java.util.Map;
import org.resnet4j.tensor.HostTensor;

/**
 * Keras' {@code EarlyStopping}: stops {@code fit} when the monitored log has not improved by more than
 * {@code minDelta} for {@code patience} epochs in a row; optionally puts back the weights of the best epoch when it
 * stops.
 */
public final class EarlyStopping implements Callback {
    private final String name;
    private final MonitorMode mode;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;
    private final Monitor monitor;
    private int wait;
    private int bestEpoch = -1;
    private int stoppedEpoch = -1;
    private Map<String, HostTensor> bestWeights;

    private EarlyStopping(String name, MonitorMode mode, int patience, double minDelta, boolean restore) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping expects a patience >= 0. Received: " + patience);
        }
        this.name = name;
        this.mode = mode;
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBestWeights = restore;
        this.monitor = new Monitor("EarlyStopping", name, mode, minDelta);
    }

    /** Watches {@code monitor} (for example {@code "val_loss"}), mode from its name, minDelta 0, no restoring. */
    public static EarlyStopping of(String monitor, int patience) {
        return new EarlyStopping(monitor, MonitorMode.AUTO, patience, 0, false);
    }

    /** Whether the monitored log improves by falling or rising. */
    public EarlyStopping withMode(MonitorMode newMode) {
        return new EarlyStopping(name, newMode, patience, minDelta, restoreBestWeights);
    }

    /** An improvement must exceed {@code delta}. */
    public EarlyStopping withMinDelta(double delta) {
        return new EarlyStopping(name, mode, patience, delta, restoreBestWeights);
    }

    /** When stopping, put back the weights of the best epoch. */
    public EarlyStopping withRestoreBestWeights() {
        return new EarlyStopping(name, mode, patience, minDelta, true);
    }

    @Override
    public void onTrainBegin(Trainer trainer, TrainingPlan plan) {
        monitor.reset();
        wait = 0;
        bestEpoch = -1;
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochLogs logs) {
        double value = monitor.value(logs);
        wait++;
        if (monitor.improves(value)) {
            bestEpoch = logs.epoch();
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = trainer.weights();
            }
            return;
        }
        if (wait >= patience && logs.epoch() > 0) {
            stoppedEpoch = logs.epoch();
            trainer.stopTraining();
            if (restoreBestWeights && bestWeights != null) {
                trainer.setWeights(bestWeights);
            }
        }
    }

    /** The epoch at which training stopped, or -1 when it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch of the best value seen, or -1 before the first. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
