package org.resnet4j.data;

import java.util.Arrays;
import java.util.Random;
import org.resnet4j.tensor.Shape;

/**
 * The ResNet paper's CIFAR augmentation: pad the image by {@code padding} pixels on each side, then crop a window of
 * the original size at a random place ({@code new RandomCrop(4)}: 4 pixels, a 32x32 crop). For each sample it draws
 * the top offset, then the left offset, each {@code random.nextInt(2 * padding + 1)}.
 */
public final class RandomCrop implements Augmentation {
    private final int padding;
    private final float[] fill;

    /** Pads with zeros. */
    public RandomCrop(int padding) {
        this(padding, null);
    }

    /**
     * Pads with {@code fill[channel]}: after a {@link Normalization}, {@link Normalization#normalisedZero()} pads with
     * black as torchvision does (it crops before normalising); zeros would pad with the mean colour instead.
     */
    public RandomCrop(int padding, float[] fill) {
        if (padding < 0) {
            throw new IllegalArgumentException("RandomCrop expects a padding >= 0. Received: " + padding);
        }
        this.padding = padding;
        this.fill = fill == null ? null : fill.clone();
    }

    /** The padding on each side, in pixels. */
    public int padding() {
        return padding;
    }

    @Override
    public void apply(float[] batchImages, int offset, Shape sampleShape, Random random) {
        int height = sampleShape.dim(0);
        int width = sampleShape.dim(1);
        int channels = sampleShape.dim(2);
        if (fill != null && fill.length != channels) {
            throw new IllegalArgumentException("RandomCrop expects one fill value per channel (" + channels
                    + "). Received: " + fill.length);
        }
        int top = random.nextInt(2 * padding + 1) - padding;
        int left = random.nextInt(2 * padding + 1) - padding;
        float[] source = Arrays.copyOfRange(batchImages, offset, offset + sampleShape.size());
        for (int y = 0; y < height; y++) {
            int sourceY = y + top;
            for (int x = 0; x < width; x++) {
                int sourceX = x + left;
                int target = offset + (y * width + x) * channels;
                boolean inside = sourceY >= 0 && sourceY < height && sourceX >= 0 && sourceX < width;
                for (int c = 0; c < channels; c++) {
                    batchImages[target + c] = inside ? source[(sourceY * width + sourceX) * channels + c]
                            : fill == null ? 0f : fill[c];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RandomCrop[padding=" + padding + "]";
    }
}
