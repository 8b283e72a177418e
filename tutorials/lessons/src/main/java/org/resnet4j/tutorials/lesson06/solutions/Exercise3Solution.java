package org.resnet4j.tutorials.lesson06.solutions;

/**
 * Exercise 3: a layer's BatchNorm epsilon is not stored in a weight file. Given one input and output of the layer and
 * its four vectors, recover it from {@code y = gamma * (x - mean) / sqrt(variance + epsilon) + beta}:
 * {@code epsilon = (gamma * (x - mean) / (y - beta))^2 - variance}.
 */
public final class Exercise3Solution {
    private Exercise3Solution() {
    }

    /** The epsilon that one channel's input {@code x} and output {@code y} imply. */
    public static double epsilonOfChannel(float x, float y, float gamma, float beta, float mean, float variance) {
        double ratio = (double) gamma * ((double) x - mean) / ((double) y - beta);
        return ratio * ratio - variance;
    }

    /**
     * The epsilon implied by the channel whose variance is smallest. There epsilon is the largest part of
     * {@code variance + epsilon}, so the float rounding of {@code y} disturbs the estimate least; on a channel of
     * variance 1 an epsilon of 1e-5 is lost in the seventh digit of {@code y}.
     */
    public static double epsilon(float[] x, float[] y, float[] gamma, float[] beta, float[] mean, float[] variance) {
        int best = 0;
        for (int c = 1; c < variance.length; c++) {
            if (variance[c] < variance[best]) {
                best = c;
            }
        }
        return epsilonOfChannel(x[best], y[best], gamma[best], beta[best], mean[best], variance[best]);
    }
}
