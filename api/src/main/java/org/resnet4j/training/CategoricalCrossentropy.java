package org.resnet4j.training;

import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
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

    @Override
    public HostTensor targets(int[] labels, int classes) {
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            checkLabel(name(), labels[i], classes, i);
            oneHot[i * classes + labels[i]] = 1f;
        }
        return HostTensor.of(Shape.of(labels.length, classes), oneHot);
    }

    @Override
    public double mean(HostTensor predictions, int[] labels) {
        Shape shape = predictions.shape();
        if (shape.rank() != 2 || shape.dim(0) != labels.length) {
            throw new IllegalArgumentException(name() + " expects predictions of shape [" + labels.length
                    + ", classes]. Received: shape=" + shape);
        }
        int classes = shape.dim(1);
        float[] p = predictions.data();
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            checkLabel(name(), labels[i], classes, i);
            int row = i * classes;
            if (fromLogits) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, p[row + c]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += Math.exp(p[row + c] - max);
                }
                total += max + Math.log(sum) - p[row + labels[i]];
            } else {
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += p[row + c];
                }
                double q = Math.min(Math.max(p[row + labels[i]] / sum, epsilon), 1 - epsilon);
                total -= Math.log(q);
            }
        }
        return total / labels.length;
    }

    static void checkLabel(String loss, int label, int classes, int index) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(loss + " expects labels in [0, " + classes + ") (the predictions'"
                    + " last dimension). Received: " + label + " at index " + index);
        }
    }

    /** The loss against targets already on the backend (shapes checked by the caller). */
    Tensor crossEntropy(GradientTape tape, Tensor predictions, Tensor targets) {
        return fromLogits ? tape.softmaxCrossEntropy(predictions, targets)
                : tape.categoricalCrossEntropy(predictions, targets, (float) epsilon);
    }
}
