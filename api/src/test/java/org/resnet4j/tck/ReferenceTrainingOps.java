package org.resnet4j.tck;

/**
 * The oracle as ops that can train: {@link ReferenceOps} forward and {@link ReferenceGradients} backward, one
 * object that is both an {@code Ops} and a {@code GradientOps}, as a training backend's ops are. The reference side
 * of {@link GradientContract}'s tape test and of the cross-backend parity tests. ({@link ReferenceOps} alone stays
 * a backend without training, so that "training not supported" can be tested on it.)
 */
public final class ReferenceTrainingOps extends ForwardingTrainingOps {

    /** Fresh reference ops; they hold nothing. */
    public ReferenceTrainingOps() {
        super(new ReferenceOps(), new ReferenceGradients());
    }

    @Override
    public String toString() {
        return "ReferenceTrainingOps";
    }
}
