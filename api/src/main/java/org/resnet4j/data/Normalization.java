package org.resnet4j.data;

import java.util.Arrays;

/**
 * Per-channel standardisation {@code (x - mean[c]) / std[c]} of a data set's [0, 1] pixels, with the usual constants
 * or statistics fitted on a training set. Normalise the test set with the training set's statistics.
 */
public final class Normalization {
    /**
     * MNIST's training-set mean and standard deviation, as PyTorch's MNIST example uses them: 0.1307, 0.3081.
     */
    public static final Normalization MNIST = of(new float[] {0.1307f}, new float[] {0.3081f});

    /** Fashion-MNIST's training-set mean and standard deviation: 0.2860, 0.3530 (checked on the Debian files). */
    public static final Normalization FASHION_MNIST = of(new float[] {0.2860f}, new float[] {0.3530f});

    /**
     * CIFAR-10's training-set mean and standard deviation per channel (red, green, blue) as commonly published:
     * (0.4914, 0.4822, 0.4465) and (0.2470, 0.2435, 0.2616).
     */
    public static final Normalization CIFAR10 = of(new float[] {0.4914f, 0.4822f, 0.4465f},
            new float[] {0.2470f, 0.2435f, 0.2616f});

    private final float[] mean;
    private final float[] std;

    private Normalization(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** A normalisation with one mean and one standard deviation (&gt; 0) per channel. */
    public static Normalization of(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalization expects as many standard deviations as means (at "
                    + "least 1). Received: " + mean.length + " means, " + std.length + " standard deviations");
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("Normalization expects finite means and standard deviations > 0."
                        + " Received: mean " + mean[c] + ", std " + std[c] + " for channel " + c);
            }
        }
        return new Normalization(mean.clone(), std.clone());
    }

    /**
     * The mean and the (population) standard deviation of each channel over every pixel of {@code data}, summed in
     * double precision.
     */
    public static Normalization fit(Dataset data) {
        int channels = data.sampleShape().dim(2);
        int sampleSize = data.sampleShape().size();
        if (data.size() == 0) {
            throw new IllegalArgumentException("Normalization.fit expects at least one sample. Received: an empty "
                    + "data set \"" + data.name() + "\"");
        }
        double[] sum = new double[channels];
        float[] sample = new float[sampleSize];
        for (int i = 0; i < data.size(); i++) {
            data.copySample(i, sample, 0);
            for (int j = 0; j < sampleSize; j++) {
                sum[j % channels] += sample[j];
            }
        }
        double count = (double) data.size() * (sampleSize / channels);
        double[] meanD = new double[channels];
        for (int c = 0; c < channels; c++) {
            meanD[c] = sum[c] / count;
        }
        double[] squares = new double[channels];
        for (int i = 0; i < data.size(); i++) {
            data.copySample(i, sample, 0);
            for (int j = 0; j < sampleSize; j++) {
                double d = sample[j] - meanD[j % channels];
                squares[j % channels] += d * d;
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = (float) meanD[c];
            std[c] = (float) Math.sqrt(squares[c] / count);
            if (std[c] == 0) {
                throw new IllegalArgumentException("Normalization.fit expects pixels that vary. Received: channel "
                        + c + " of \"" + data.name() + "\" is " + mean[c] + " everywhere");
            }
        }
        return new Normalization(mean, std);
    }

    /** The per-channel means, a copy. */
    public float[] mean() {
        return mean.clone();
    }

    /** The per-channel standard deviations, a copy. */
    public float[] std() {
        return std.clone();
    }

    /** What a pixel of 0 (black) becomes, per channel: {@code -mean / std}, for padding like torchvision's. */
    public float[] normalisedZero() {
        float[] zero = new float[mean.length];
        for (int c = 0; c < zero.length; c++) {
            zero[c] = -mean[c] / std[c];
        }
        return zero;
    }

    /** A new data set (a copy of the samples of {@code data}, in its order) with every pixel normalised. */
    public Dataset apply(Dataset data) {
        int channels = data.sampleShape().dim(2);
        if (channels != mean.length) {
            throw new IllegalArgumentException("Normalization of " + mean.length + " channels expects samples with "
                    + mean.length + " channels. Received: \"" + data.name() + "\" of shape " + data.sampleShape());
        }
        int sampleSize = data.sampleShape().size();
        float[] values = new float[Math.multiplyExact(data.size(), sampleSize)];
        for (int i = 0; i < data.size(); i++) {
            data.copySample(i, values, i * sampleSize);
        }
        for (int j = 0; j < values.length; j++) {
            int c = j % channels;
            values[j] = (values[j] - mean[c]) / std[c];
        }
        return Dataset.of(data.name(), data.sampleShape(), values, data.labels(), data.classes());
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
