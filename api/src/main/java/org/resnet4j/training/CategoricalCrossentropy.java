package org.resnet4j.training;

import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * Keras' {@code CategoricalCrossentropy}: targets are one row per sample, {@code [n, classes]}, one-hot or any
 * distribution. On probabilities (the default, after a softmax) each row is divided by its sum and clipped to
 * {@code [epsilon, 1 - epsilon]} before the log, as Keras computes it, epsilon 1e-7; {@link #fromLogits()} takes the
 * raw scores and applies the softmax itself, which is exact and stable.
 */
public final class CategoricalCrossentropy implements Loss {
    /** Keras' {@code backend.epsilon()}. */
    public static final double DEFAULT_EPSILON = 1e-7;

    private final boolean fromLogits;
    private final double epsilon;

    private CategoricalCrossentropy(boolean fromLogits, double epsilon) {
        if (!(epsilon > 0 && epsilon < 0.5)) {
            throw new IllegalArgumentException("categorical_crossentropy expects an epsilon in (0, 0.5). Received: "
                    + epsilon);
        }
        this.fromLogits = fromLogits;
        this.epsilon = epsilon;
    }

    /** On probabilities, epsilon 1e-7: Keras' {@code CategoricalCrossentropy()}. */
    public static CategoricalCrossentropy of() {
        return new CategoricalCrossentropy(false, DEFAULT_EPSILON);
    }

    /** On logits: Keras' {@code CategoricalCrossentropy(from_logits=True)}. */
    public static CategoricalCrossentropy fromLogits() {
        return new CategoricalCrossentropy(true, DEFAULT_EPSILON);
    }

    /** The same loss with another clipping epsilon (probabilities only). */
    public CategoricalCrossentropy withEpsilon(double newEpsilon) {
        return new CategoricalCrossentropy(fromLogits, newEpsilon);
    }

    public boolean isFromLogits() {
        return fromLogits;
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    /** @param targets {@code [n, classes]}, the shape of {@code predictions} */
    @Override
    public Tensor compute(GradientTape tape, Tensor predictions, HostTensor targets) {
        if (predictions.shape().rank() != 2) {
            throw new IllegalArgumentException(name() + " expects predictions of rank 2 [n, classes]. Received: shape="
                    + predictions.shape());
        }
        if (!targets.shape().equals(predictions.shape())) {
            throw new IllegalArgumentException(name() + " expects targets of shape " + predictions.shape()
                    + " (one row per prediction). Received: shape=" + targets.shape());
        }
        return crossEntropy(tape, predictions, tape.constant(targets));
    }

    /** The loss against targets already on the backend (shapes checked by the caller). */
    Tensor crossEntropy(GradientTape tape, Tensor predictions, Tensor targets) {
        return fromLogits ? tape.softmaxCrossEntropy(predictions, targets)
                : tape.categoricalCrossEntropy(predictions, targets, (float) epsilon);
    }
}
