package org.resnet4j.backend.tf;

import java.util.List;
import java.util.Locale;
import org.resnet4j.spi.CpuFacts;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.types.TFloat32;

/**
 * Which TensorFlow op computes a forward convolution (the layers' and the input gradients'): the same arithmetic
 * through two sets of kernels. TensorFlow 2.18 hands {@code Conv2D} to oneDNN where oneDNN is on (on Linux by
 * default only on CPUs with AVX512_VNNI, AVX512_BF16, AVX_VNNI or AMX; elsewhere {@code Conv2D} runs on Eigen too)
 * and runs the generic {@code Conv} op, which oneDNN's graph rewrite does not know, on its own Eigen kernels. oneDNN
 * is the faster of the two where it can see the CPU's cache sizes; where a hypervisor hides them
 * ({@link CpuFacts#hidesAmdCacheTopology()}) oneDNN 3.5 blocks its kernels for 1-byte caches and Eigen's are
 * 1.1-2.6 times faster per layer (docs/performance.md), so that is the default there. Kernel gradients stay
 * {@code Conv2DBackpropFilter}, where oneDNN stays the faster even so.
 *
 * <p>{@code -Dresnet4j.tf.convolutions=onednn} or {@code =eigen} overrides the choice.
 */
enum TfConvolutionKernel {
    /** {@code Conv2D}: oneDNN's kernels unless {@code TF_ENABLE_ONEDNN_OPTS=0}, then Eigen's. */
    ONEDNN,
    /** {@code Conv}: TensorFlow's Eigen kernels whatever oneDNN's setting. */
    EIGEN;

    static final String PROPERTY = "resnet4j.tf.convolutions";

    /** The kernels for this machine, or the ones {@code -Dresnet4j.tf.convolutions} names. */
    static TfConvolutionKernel forThisMachine() {
        return choose(System.getProperty(PROPERTY), CpuFacts.ofThisMachine());
    }

    static TfConvolutionKernel choose(String setting, CpuFacts cpu) {
        if (setting == null || setting.isBlank()) {
            return cpu.hidesAmdCacheTopology() ? EIGEN : ONEDNN;
        }
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "onednn" -> ONEDNN;
            case "eigen" -> EIGEN;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + ": expected onednn or eigen, got '"
                    + setting + "'");
        };
    }

    /**
     * Whether a convolution with a bias runs as one {@link TfFusedConvolution}: with Eigen's kernels where that op
     * stays on them (oneDNN off in the process), since Grappler fuses {@code Conv2D} with its {@code BiasAdd} and
     * {@code Relu} by itself (for oneDNN where it is on, for Eigen elsewhere) but not {@code Conv}. Where oneDNN is
     * on, a fused op would go to oneDNN too, so Eigen's {@code Conv} is followed by its own {@code BiasAdd}.
     */
    boolean fusesBias() {
        return this == EIGEN && TfFusedConvolution.staysOnEigen();
    }

    /**
     * A 2-D convolution of NHWC {@code x} with an HWIO kernel: {@code padding} is {@code SAME}, {@code VALID} or
     * {@code EXPLICIT}, the last with {@code explicitPaddings} in TensorFlow's 8-number form (null otherwise).
     */
    Operand<TFloat32> convolve(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, List<Long> strides,
            String padding, List<Long> explicitPaddings) {
        if (this == EIGEN) {
            return explicitPaddings == null ? tf.nn.conv(x, kernel, strides, padding)
                    : tf.nn.conv(x, kernel, strides, padding, Conv.explicitPaddings(explicitPaddings));
        }
        return explicitPaddings == null ? tf.nn.conv2d(x, kernel, strides, padding)
                : tf.nn.conv2d(x, kernel, strides, padding, Conv2d.explicitPaddings(explicitPaddings));
    }
}
