package org.resnet4j.tutorials.lesson09.solutions;

import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Exercise 2: a BatchNorm *before* a convolution (the order of pre-activation ResNets) can be folded too, into the
 * convolution's input side: with {@code s = gamma / sqrt(variance + epsilon)} and {@code t = beta - mean * s},
 * {@code conv(s * x + t)} has kernel {@code W[.., .., i, o] * s[i]} and bias {@code b[o] + sum over kh, kw, i of
 * W[kh, kw, i, o] * t[i]}. This is exact for a 1x1 convolution and for {@code VALID} padding. With zero padding it is
 * wrong at the border: the original pads the normalised map with zeros, while the folded convolution pads the raw
 * input with zeros, which stand for {@code t}, not 0, after normalisation.
 */
public final class Exercise2Solution {
    private Exercise2Solution() {
    }

    /** The kernel of the folded convolution: every input channel {@code i} scaled by {@code s[i]}. */
    public static HostTensor kernel(HostTensor kernel, HostTensor gamma, HostTensor variance, double epsilon) {
        Shape shape = kernel.shape();
        int in = shape.dim(2);
        int out = shape.dim(3);
        float[] w = kernel.data();
        float[] folded = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            int channel = (i / out) % in;
            folded[i] = (float) (w[i] * scale(gamma, variance, epsilon, channel));
        }
        return HostTensor.of(shape, folded);
    }

    /** The bias of the folded convolution: the old bias (or zeros) plus what the shift {@code t} contributes. */
    public static HostTensor bias(HostTensor kernel, HostTensor bias, HostTensor gamma, HostTensor beta,
            HostTensor mean, HostTensor variance, double epsilon) {
        Shape shape = kernel.shape();
        int in = shape.dim(2);
        int out = shape.dim(3);
        double[] folded = new double[out];
        for (int o = 0; o < out; o++) {
            folded[o] = bias == null ? 0 : bias.data()[o];
        }
        float[] w = kernel.data();
        for (int i = 0; i < w.length; i++) {
            int channel = (i / out) % in;
            double shift = beta.data()[channel] - mean.data()[channel] * scale(gamma, variance, epsilon, channel);
            folded[i % out] += w[i] * shift;
        }
        float[] result = new float[out];
        for (int o = 0; o < out; o++) {
            result[o] = (float) folded[o];
        }
        return HostTensor.of(Shape.of(out), result);
    }

    private static double scale(HostTensor gamma, HostTensor variance, double epsilon, int channel) {
        return gamma.data()[channel] / Math.sqrt(variance.data()[channel] + epsilon);
    }
}
