package org.resnet4j.training;

import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Keras' {@code SparseCategoricalCrossentropy}: the labels are class indices, one per sample ({@code [n]} or
 * {@code [n, 1]}, integers stored in a float tensor, as a safetensors I64 label file is read), turned into one-hot
 * targets on the JVM, checked there, and passed to {@link CategoricalCrossentropy}.
 */
public final class SparseCategoricalCrossentropy implements Loss {
    private final CategoricalCrossentropy dense;

    private SparseCategoricalCrossentropy(CategoricalCrossentropy dense) {
        this.dense = dense;
    }

    /** On probabilities, epsilon 1e-7: Keras' {@code SparseCategoricalCrossentropy()}. */
    public static SparseCategoricalCrossentropy of() {
        return new SparseCategoricalCrossentropy(CategoricalCrossentropy.of());
    }

    /** On logits: Keras' {@code SparseCategoricalCrossentropy(from_logits=True)}. */
    public static SparseCategoricalCrossentropy fromLogits() {
        return new SparseCategoricalCrossentropy(CategoricalCrossentropy.fromLogits());
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    /** @param labels class indices {@code [n]} or {@code [n, 1]} */
    @Override
    public Tensor compute(GradientTape tape, Tensor predictions, HostTensor labels) {
        boolean column = labels.shape().rank() == 2 && labels.shape().dim(1) == 1;
        if (labels.shape().rank() != 1 && !column) {
            throw new IllegalArgumentException(name() + " expects labels of shape [n] or [n, 1] (class indices)."
                    + " Received: shape=" + labels.shape());
        }
        int[] indices = new int[labels.shape().dim(0)];
        for (int i = 0; i < indices.length; i++) {
            float v = labels.data()[i];
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException(name() + " expects integer class labels. Received: " + v
                        + " at index " + i);
            }
            indices[i] = (int) v;
        }
        return compute(tape, predictions, indices);
    }

    @Override
    public HostTensor targets(int[] labels, int classes) {
        float[] values = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            CategoricalCrossentropy.checkLabel(name(), labels[i], classes, i);
            values[i] = labels[i];
        }
        return HostTensor.of(Shape.of(labels.length), values);
    }

    @Override
    public double mean(HostTensor predictions, int[] labels) {
        try {
            return dense.mean(predictions, labels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace(dense.name(), name()), e);
        }
    }

    /** The loss against class indices, one per row of {@code predictions}. */
    public Tensor compute(GradientTape tape, Tensor predictions, int... labels) {
        Shape shape = predictions.shape();
        if (shape.rank() != 2) {
            throw new IllegalArgumentException(name() + " expects predictions of rank 2 [n, classes]. Received: shape="
                    + shape);
        }
        int n = shape.dim(0);
        int classes = shape.dim(1);
        if (labels.length != n) {
            throw new IllegalArgumentException(name() + " expects " + n + " labels, one per row of predictions "
                    + shape + ". Received: " + labels.length + " labels");
        }
        float[] oneHot = new float[n * classes];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name() + " expects labels in [0, " + classes + ") (the predictions'"
                        + " last dimension). Received: " + labels[i] + " at index " + i);
            }
            oneHot[i * classes + labels[i]] = 1f;
        }
        return dense.crossEntropy(tape, predictions, tape.constant(HostTensor.of(shape, oneHot)));
    }
}
