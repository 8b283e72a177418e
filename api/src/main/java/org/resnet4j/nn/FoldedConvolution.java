package org.resnet4j.nn;

import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The kernel and bias of one convolution with the inference batch norm after it folded in: with
 * {@code s = gamma / sqrt(variance + epsilon)} per output channel, the kernel becomes {@code W * s} and the bias
 * {@code (b - mean) * s + beta}. {@link BatchNormFolding} applies it to whole models when the TensorFlow, ND4J
 * and JCuda backends compile them.
 *
 * @param kernel the folded HWIO kernel
 * @param bias   the folded bias, {@code [out]}
 */
public record FoldedConvolution(HostTensor kernel, HostTensor bias) {

    /**
     * Folds; {@code bias} may be {@code null} (a convolution without bias). The arithmetic is done in double
     * precision and the inputs are not modified.
     */
    public static FoldedConvolution fold(HostTensor kernel, HostTensor bias, HostTensor gamma, HostTensor beta,
            HostTensor mean, HostTensor variance, double epsilon) {
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
        double[] scale = new double[out];
        float[] foldedBias = new float[out];
        for (int c = 0; c < out; c++) {
            scale[c] = gamma.data()[c] / Math.sqrt((double) variance.data()[c] + epsilon);
            double b = bias == null ? 0.0 : bias.data()[c];
            foldedBias[c] = (float) ((b - mean.data()[c]) * scale[c] + beta.data()[c]);
        }
        // HWIO: the output channel is the fastest-varying index.
        float[] w = kernel.data();
        float[] folded = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            folded[i] = (float) (w[i] * scale[i % out]);
        }
        return new FoldedConvolution(HostTensor.of(k, folded), HostTensor.of(Shape.of(out), foldedBias));
    }
}
