package org.resnet4j.data;

import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * One batch: the images {@code [n, height, width, channels]} assembled once into a fresh array (which the backend
 * uploads as it is) and their labels.
 *
 * @param images  the images, NHWC float32
 * @param labels  one class index per image
 * @param classes the number of classes of the data set the batch comes from
 */
public record Batch(HostTensor images, int[] labels, int classes) {
    /** Checks that there is one label per image. */
    public Batch {
        if (images.shape().dim(0) != labels.length) {
            throw new IllegalArgumentException("Batch expects one label per image. Received: " + labels.length
                    + " labels for images of shape " + images.shape());
        }
    }

    /** The number of samples. */
    public int size() {
        return labels.length;
    }

    /** The labels one-hot encoded, {@code [n, classes]}, for a categorical cross-entropy. */
    public HostTensor oneHot() {
        float[] data = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            data[i * classes + labels[i]] = 1f;
        }
        return HostTensor.of(Shape.of(labels.length, classes), data);
    }
}
