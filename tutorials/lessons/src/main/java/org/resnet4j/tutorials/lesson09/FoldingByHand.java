package org.resnet4j.tutorials.lesson09;

import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Folds an inference-mode BatchNorm into the convolution before it. With {@code s = gamma / sqrt(variance + epsilon)}
 * per output channel, {@code BN(conv(x; W, b)) = conv(x; W * s, (b - mean) * s + beta)}: the scale multiplies every
 * kernel weight of that output channel, and the shift becomes the bias. Arithmetic is done in double and rounded once.
 * The lesson's version, one tensor at a time; {@code org.resnet4j.nn.BatchNormFolding} applies the same formulas to a
 * whole model for the backends.
 */
public final class FoldingByHand {
    private FoldingByHand() {
    }

    /** {@code gamma / sqrt(variance + epsilon)}, one factor per channel. */
    public static double[] scale(HostTensor gamma, HostTensor variance, double epsilon) {
        double[] s = new double[gamma.size()];
        for (int c = 0; c < s.length; c++) {
            s[c] = gamma.data()[c] / Math.sqrt(variance.data()[c] + epsilon);
        }
        return s;
    }

    /** {@code W'[.., .., in, out] = W[.., .., in, out] * s[out]} for an HWIO kernel. */
    public static HostTensor kernel(HostTensor kernel, double[] scale) {
        Shape shape = kernel.shape();
        int out = shape.dim(3);
        if (out != scale.length) {
            throw new IllegalArgumentException("A kernel of " + out + " output channels expects " + out
                    + " BatchNorm scales. Received: " + scale.length);
        }
        float[] w = kernel.data();
        float[] folded = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            // HWIO is row-major with the output channel last, so it cycles fastest.
            folded[i] = (float) (w[i] * scale[i % out]);
        }
        return HostTensor.of(shape, folded);
    }

    /** {@code b' = (b - mean) * s + beta}; {@code bias} may be {@code null} for a convolution without one. */
    public static HostTensor bias(HostTensor bias, double[] scale, HostTensor beta, HostTensor mean) {
        float[] folded = new float[scale.length];
        for (int c = 0; c < scale.length; c++) {
            double b = bias == null ? 0 : bias.data()[c];
            folded[c] = (float) ((b - mean.data()[c]) * scale[c] + beta.data()[c]);
        }
        return HostTensor.of(Shape.of(scale.length), folded);
    }
}
