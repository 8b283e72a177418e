package org.resnet4j.data;

import java.util.Random;
import org.resnet4j.tensor.Shape;

/**
 * Mirrors the image left to right with probability {@code p} (0.5 in the ResNet paper's CIFAR recipe). For each
 * sample it draws one {@code random.nextDouble()} and flips when it is below {@code p}, whatever {@code p} is, so the
 * random stream does not depend on the probability.
 */
public final class HorizontalFlip implements Augmentation {
    private final double probability;

    /** Flips half of the samples. */
    public HorizontalFlip() {
        this(0.5);
    }

    /** Flips each sample with probability {@code probability}. */
    public HorizontalFlip(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("HorizontalFlip expects a probability in [0, 1]. Received: "
                    + probability);
        }
        this.probability = probability;
    }

    /** The probability of a flip. */
    public double probability() {
        return probability;
    }

    @Override
    public void apply(float[] batchImages, int offset, Shape sampleShape, Random random) {
        if (random.nextDouble() >= probability) {
            return;
        }
        int height = sampleShape.dim(0);
        int width = sampleShape.dim(1);
        int channels = sampleShape.dim(2);
        for (int y = 0; y < height; y++) {
            int row = offset + y * width * channels;
            for (int x = 0; x < width / 2; x++) {
                int a = row + x * channels;
                int b = row + (width - 1 - x) * channels;
                for (int c = 0; c < channels; c++) {
                    float swap = batchImages[a + c];
                    batchImages[a + c] = batchImages[b + c];
                    batchImages[b + c] = swap;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "HorizontalFlip[p=" + probability + "]";
    }
}
