package org.resnet4j.training;

import org.resnet4j.tensor.HostTensor;

/**
 * Keras' {@code "accuracy"} for a classifier: a sample counts 1 when the index of its largest prediction (the first
 * one on ties, as {@code argmax} picks it) equals its label, which for one-hot targets is Keras'
 * {@code categorical_accuracy}.
 */
public final class Accuracy implements Metric {
    private Accuracy() {
    }

    /** The metric named {@code "accuracy"}. */
    public static Accuracy of() {
        return new Accuracy();
    }

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public double sum(HostTensor predictions, int[] labels) {
        int n = labels.length;
        if (predictions.shape().rank() != 2 || predictions.shape().dim(0) != n) {
            throw new IllegalArgumentException("accuracy expects predictions of shape [" + n + ", classes]. Received: "
                    + predictions.shape());
        }
        int classes = predictions.shape().dim(1);
        float[] p = predictions.data();
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (p[i * classes + c] > p[i * classes + best]) {
                    best = c;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    @Override
    public String toString() {
        return name();
    }
}
