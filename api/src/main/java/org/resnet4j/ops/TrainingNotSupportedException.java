package org.resnet4j.ops;

/** Thrown when a model is to be trained on a backend whose ops have no backward primitives ({@link GradientOps}). */
public final class TrainingNotSupportedException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    /** @param ops what the backend's ops call themselves */
    public TrainingNotSupportedException(String ops) {
        super("Training not supported by " + ops + ": its ops do not implement " + GradientOps.class.getName()
                + " (the backward primitives). Choose a backend that can train, or run the model for inference only.");
    }
}
