package org.resnet4j.training.fit;

import java.nio.file.Path;
import org.resnet4j.nn.Model;
import org.resnet4j.training.TrainingState;

/**
 * Writes a checkpoint: the model (its {@code ParameterStore}, already synchronised with the backend) and the
 * training state, to a file. {@code resnet-models}' {@code TrainingCheckpoint::save} writes ResNet4J's model file;
 * the api does not depend on it.
 */
@FunctionalInterface
public interface CheckpointWriter {
    /** Writes {@code model} and {@code state} to {@code file}, atomically (a reader sees the old file or the new). */
    void write(Path file, Model model, TrainingState state);
}
