package org.resnet4j.ops;

/**
 * How a backend computes the input gradient of a strided convolution as one stride-1 convolution of the output
 * gradient, without spreading the output gradient out by the stride first (which makes a 3x3 stride-2 input gradient
 * cost four times its forward convolution, three quarters of the products being with zeros).
 *
 * <p>Along one axis, with stride {@code s}, kernel size {@code k} and forward padding {@code P} before the input, the
 * forward op reads padded cell {@code o*s + t} with kernel cell {@code t} for output {@code o}. The gradient of padded
 * cell {@code q*s + r} ({@code 0 <= r < s}, its <em>phase</em>) therefore collects only the kernel cells
 * {@code t = r + s*m}: {@code dx[q*s + r] = sum over m of dy[q - m] * w[r + s*m]}. Each phase is a stride-1
 * convolution of {@code dy} with the phase's cells of the kernel, at most {@code ceil(k / s)} of them. All phases at
 * once are one convolution whose kernel has {@code ceil(k / s)} cells per axis and {@code sh * sw * cin} output
 * channels (channel {@code (rh * sw + rw) * cin + ci} is phase {@code (rh, rw)}); reshaping its output
 * {@code [n, qh, qw, sh, sw, cin]} into rows {@code q*sh + rh} and columns {@code q*sw + rw} gives the gradient of
 * the padded input, from which the input's rows and columns are cut. The work is
 * {@code sh*sw*ceil(kh/sh)*ceil(kw/sw) / (kh*kw)} of the forward's: 16/9 for 3x3 at stride 2, against 4 spread out.
 *
 * <p>A backend builds the phase kernel with {@link Axis#kernelCell} and pads the output gradient by
 * {@link Axis#padBefore} and {@link Axis#padAfter}; the shapes are the api's, the arithmetic the backend's.
 *
 * @param rows    the plan along the height
 * @param columns the plan along the width
 */
public record PhaseSplitInputGradient(Axis rows, Axis columns) {

    /**
     * The plan for an input of {@code [n, inHeight, inWidth, cin]}, a {@code kh x kw} kernel, the options' strides and
     * the resolved padding {@code p}.
     */
    public static PhaseSplitInputGradient of(int inHeight, int inWidth, int kh, int kw, Conv2dOptions options,
            Padding.Explicit p) {
        return new PhaseSplitInputGradient(
                Axis.of(inHeight, kh, options.strideHeight(), p.top(), p.bottom()),
                Axis.of(inWidth, kw, options.strideWidth(), p.left(), p.right()));
    }

    /** The phase kernel's output channels for {@code inChannels} input channels: one block per phase. */
    public int phaseChannels(int inChannels) {
        return rows.stride() * columns.stride() * inChannels;
    }

    /**
     * The plan along one axis.
     *
     * @param stride     the forward stride {@code s}, the number of phases
     * @param kernel     the forward kernel size {@code k}
     * @param subKernel  the phase kernel's size, {@code ceil(k / s)}
     * @param outputSize the output gradient's size along this axis
     * @param phaseSize  the phase convolution's output size {@code Q}: it covers padded cells {@code 0 .. Q*s - 1},
     *                   at least the input's cells {@code P .. P + in - 1}
     * @param cropStart  the first of the input's cells in the padded gradient, the forward padding before {@code P}
     * @param inputSize  the input's size along this axis
     */
    public record Axis(int stride, int kernel, int subKernel, int outputSize, int phaseSize, int cropStart,
            int inputSize) {

        static Axis of(int in, int kernel, int stride, int padBefore, int padAfter) {
            int out = WindowGeometry.outputSize(in, kernel, stride, padBefore, padAfter);
            int subKernel = (kernel + stride - 1) / stride;
            int phaseSize = Math.max((padBefore + in + stride - 1) / stride, out);
            return new Axis(stride, kernel, subKernel, out, phaseSize, padBefore, in);
        }

        /**
         * The output gradient's padding before this axis: {@code dx[q*s + r]} reads {@code dy[q - subKernel + 1 ..
         * q]}, so the phase convolution sees {@code subKernel - 1} zeros before {@code dy}.
         */
        public int padBefore() {
            return subKernel - 1;
        }

        /** The output gradient's padding after this axis: zeros up to {@link #phaseSize} windows. */
        public int padAfter() {
            return phaseSize - outputSize;
        }

        /** The padded gradient's size along this axis, {@code phaseSize * stride}. */
        public int paddedGradientSize() {
            return phaseSize * stride;
        }

        /** Whether the padded gradient is the input's gradient as it is, with nothing to cut. */
        public boolean exact() {
            return cropStart == 0 && paddedGradientSize() == inputSize;
        }

        /**
         * The forward kernel's cell that phase {@code phase} applies at cell {@code j} of its phase kernel, or -1
         * where the phase has fewer cells than {@link #subKernel} (a zero there): {@code phase + s * (subKernel - 1
         * - j)}, the kernel read backwards as a transposed convolution reads it.
         */
        public int kernelCell(int phase, int j) {
            int cell = phase + stride * (subKernel - 1 - j);
            return cell < kernel ? cell : -1;
        }
    }
}
