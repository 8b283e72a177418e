package org.resnet4j.backend.jcuda;

import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Folds an inference batch norm into the convolution before it, on the host: with
 * {@code s = gamma / sqrt(variance + epsilon)}, the kernel becomes {@code W * s} per output channel and the bias
 * {@code (b - mean) * s + beta}. One convolution then does the work of two kernels and one pass over memory.
 *
 * @param kernel the folded HWIO kernel
 * @param bias   the folded bias {@code [cout]}
 */
public record BatchNormFolding(HostTensor kernel, HostTensor bias) {

    /** Folds; {@code bias} may be {@code null} (a convolution without bias). Inputs are not modified. */
    public static BatchNormFolding fold(HostTensor kernel, HostTensor bias, HostTensor gamma, HostTensor beta,
            HostTensor mean, HostTensor variance, float epsilon) {
        Shape k = kernel.shape();
        if (k.rank() != 4) {
            throw new IllegalArgumentException("BatchNorm folding expects an HWIO kernel of rank 4. Received: shape="
                    + k);
        }
        int out = k.dim(3);
        for (HostTensor v : new HostTensor[] {gamma, beta, mean, variance, bias}) {
            if (v != null && !v.shape().equals(Shape.of(out))) {
                throw new IllegalArgumentException("BatchNorm folding expects vectors of shape [" + out
                        + "] (the kernel's output channels). Received: shape=" + v.shape());
            }
        }
        float[] scale = new float[out];
        float[] foldedBias = new float[out];
        for (int c = 0; c < out; c++) {
            double s = gamma.data()[c] / Math.sqrt((double) variance.data()[c] + epsilon);
            double b = bias == null ? 0.0 : bias.data()[c];
            scale[c] = (float) s;
            foldedBias[c] = (float) ((b - mean.data()[c]) * s + beta.data()[c]);
        }
        float[] w = kernel.data();
        float[] folded = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            folded[i] = w[i] * scale[i % out];
        }
        return new BatchNormFolding(HostTensor.of(k, folded), HostTensor.of(Shape.of(out), foldedBias));
    }
}
