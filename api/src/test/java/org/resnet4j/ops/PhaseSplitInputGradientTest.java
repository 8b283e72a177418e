package org.resnet4j.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The phase split's arithmetic along one axis, in integers (exact): the gradient it assembles from the phase
 * convolutions equals the gradient scattered straight from the forward op's definition (padded cell {@code o*s + t}
 * read with kernel cell {@code t}), for strides 1 to 4, kernels 1 to 7 and paddings from none to beyond the kernel.
 */
class PhaseSplitInputGradientTest {

    @Test
    void phaseConvolutions_giveTheScatteredGradient_forEveryStrideKernelAndPadding() {
        Random random = new Random(7);
        int checked = 0;
        for (int stride = 1; stride <= 4; stride++) {
            for (int kernel = 1; kernel <= 7; kernel++) {
                for (int in = 1; in <= 12; in++) {
                    for (int before = 0; before <= kernel + 1; before++) {
                        for (int after = 0; after <= kernel + 1; after++) {
                            if (in + before + after < kernel) {
                                continue;
                            }
                            long[] w = random.longs(kernel, -9, 10).toArray();
                            int out = WindowGeometry.outputSize(in, kernel, stride, before, after);
                            long[] dy = random.longs(out, -9, 10).toArray();
                            PhaseSplitInputGradient.Axis axis = PhaseSplitInputGradient.of(in, 1, kernel, 1,
                                    Conv2dOptions.of(stride, Padding.explicit(before, after, 0, 0)),
                                    Padding.explicit(before, after, 0, 0)).rows();
                            assertThat(phaseSplit(axis, dy, w))
                                    .as("stride %d kernel %d input %d padding %d/%d", stride, kernel, in, before,
                                            after)
                                    .containsExactly(scattered(in, stride, before, dy, w));
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(2000);
    }

    @Test
    void threeByThreeAtStride2_doesSixteenNinthsOfTheForwardWork_onTheSeedsShapes() {
        // mnist-resnet18's downsampling convolutions: 28 -> 14, 14 -> 7, 7 -> 4 with Keras' SAME padding
        for (int in : new int[] {28, 14, 7}) {
            Padding.Explicit p = Padding.SAME.resolve(in, in, 3, 3, 2, 2);
            PhaseSplitInputGradient plan = PhaseSplitInputGradient.of(in, in, 3, 3, Conv2dOptions.of(2, Padding.SAME),
                    p);
            int out = (in + 1) / 2;
            assertThat(plan.rows().subKernel()).isEqualTo(2);
            assertThat(plan.rows().phaseSize()).as("input %d", in).isEqualTo(out);
            assertThat(plan.phaseChannels(64)).isEqualTo(256);
            long phaseProducts = (long) plan.rows().phaseSize() * plan.columns().phaseSize() * 2 * 2 * 256;
            long forwardProducts = (long) out * out * 3 * 3 * 64;
            assertThat((double) phaseProducts / forwardProducts).isEqualTo(16.0 / 9.0);
        }
    }

    @Test
    void kernelCell_readsTheKernelBackwards_andMarksMissingCells() {
        PhaseSplitInputGradient.Axis axis = PhaseSplitInputGradient.of(8, 8, 3, 3, Conv2dOptions.of(2, Padding.VALID),
                Padding.explicit(0, 0, 0, 0)).rows();
        // phase 0 holds cells 0 and 2 (reversed: 2, 0), phase 1 only cell 1 (a zero first)
        assertThat(new int[] {axis.kernelCell(0, 0), axis.kernelCell(0, 1)}).containsExactly(2, 0);
        assertThat(new int[] {axis.kernelCell(1, 0), axis.kernelCell(1, 1)}).containsExactly(-1, 1);
    }

    /** {@code dx[i]} from the definition: every output cell adds {@code dy[o] * w[t]} to input cell {@code o*s+t-P}. */
    private static long[] scattered(int in, int stride, int before, long[] dy, long[] w) {
        long[] dx = new long[in];
        for (int o = 0; o < dy.length; o++) {
            for (int t = 0; t < w.length; t++) {
                int i = o * stride + t - before;
                if (i >= 0 && i < in) {
                    dx[i] += dy[o] * w[t];
                }
            }
        }
        return dx;
    }

    /** The plan's way: pad dy, convolve each phase at stride 1, interleave the phases, cut the input's cells. */
    private static long[] phaseSplit(PhaseSplitInputGradient.Axis axis, long[] dy, long[] w) {
        long[] paddedDy = new long[axis.padBefore() + dy.length + axis.padAfter()];
        System.arraycopy(dy, 0, paddedDy, axis.padBefore(), dy.length);
        assertThat(paddedDy.length - axis.subKernel() + 1).isEqualTo(axis.phaseSize());
        long[] padded = new long[axis.paddedGradientSize()];
        for (int q = 0; q < axis.phaseSize(); q++) {
            for (int r = 0; r < axis.stride(); r++) {
                long sum = 0;
                for (int j = 0; j < axis.subKernel(); j++) {
                    int cell = axis.kernelCell(r, j);
                    sum += cell < 0 ? 0 : paddedDy[q + j] * w[cell];
                }
                padded[q * axis.stride() + r] = sum;
            }
        }
        return Arrays.copyOfRange(padded, axis.cropStart(), axis.cropStart() + axis.inputSize());
    }
}
