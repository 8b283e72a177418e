package org.resnet4j.tutorials.lesson10.solutions;

import org.resnet4j.data.Dataset;

/**
 * Exercise 1: Keras' {@code validation_split} takes the last fraction of the samples as they are, before any
 * shuffling. On a data set sorted by label the validation set is then one class only: the split is honest only
 * when the file is already in random order (MNIST's and Fashion-MNIST's are).
 */
public final class Exercise1Solution {
    private Exercise1Solution() {
    }

    /** How many validation samples of each class {@code validationSplit} holds out of {@code data}. */
    public static int[] validationClassCounts(Dataset data, double validationSplit) {
        Dataset validation = data.split(validationSplit).validation();
        int[] counts = new int[data.classes()];
        for (int label : validation.labels()) {
            counts[label]++;
        }
        return counts;
    }
}
