package org.resnet4j.training.fit;

import java.nio.file.Path;

/**
 * Keras' {@code ModelCheckpoint}: after each epoch, synchronises the model with the backend and writes it with the
 * training state (the epoch count, the optimizer's state, the seed) through a {@link CheckpointWriter}; with
 * {@link #withSaveBestOnly()}, only when the monitored log improved.
 */
public final class ModelCheckpoint implements Callback {
    private final Path file;
    private final CheckpointWriter writer;
    private final String name;
    private final MonitorMode mode;
    private final boolean saveBestOnly;
    private final Monitor monitor;
    private int saved;

    private ModelCheckpoint(Path file, CheckpointWriter writer, String name, MonitorMode mode, boolean bestOnly) {
        this.file = file;
        this.writer = writer;
        this.name = name;
        this.mode = mode;
        this.saveBestOnly = bestOnly;
        this.monitor = new Monitor("ModelCheckpoint", name, mode, 0);
    }

    /** Writes {@code file} after every epoch, monitoring {@code "val_loss"} (Keras' default). */
    public static ModelCheckpoint to(Path file, CheckpointWriter writer) {
        return new ModelCheckpoint(file, writer, "val_loss", MonitorMode.AUTO, false);
    }

    /** The log that decides "best", and how. */
    public ModelCheckpoint monitoring(String monitor, MonitorMode newMode) {
        return new ModelCheckpoint(file, writer, monitor, newMode, saveBestOnly);
    }

    /** Writes only when the monitored log beats every earlier epoch of this fit. */
    public ModelCheckpoint withSaveBestOnly() {
        return new ModelCheckpoint(file, writer, name, mode, true);
    }

    @Override
    public void onTrainBegin(Trainer trainer, TrainingPlan plan) {
        monitor.reset();
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochLogs logs) {
        if (saveBestOnly && !monitor.improves(monitor.value(logs))) {
            return;
        }
        trainer.syncModel();
        writer.write(file, trainer.model(), trainer.trainingState(logs.epoch() + 1));
        saved++;
    }

    /** How many times this callback has written its file. */
    public int savedCount() {
        return saved;
    }
}
