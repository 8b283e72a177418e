package org.resnet4j.backend.nd4j;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;

/**
 * A convolution's shapes as oneDNN 3.11's primitives take them ({@link Nd4jOneDnnConvolution},
 * {@link Nd4jOneDnnKernelGradient}), read off the arrays (whose shapes the api's rules already checked), and usable
 * as a key of kept primitives: input NHWC, kernel HWIO, output NHWC, then strides and padding top, bottom, left,
 * right. oneDNN checks that they fit together.
 */
record Nd4jOneDnnConvolutionShapes(List<Long> input, List<Long> kernel, List<Long> output,
        List<Long> stridesAndPadding) {

    /** The shapes of the convolution of {@code x} with {@code w} into {@code y}, {@code o}'s strides, padding {@code p}. */
    static Nd4jOneDnnConvolutionShapes of(INDArray x, INDArray w, INDArray y, Conv2dOptions o, Padding.Explicit p) {
        return new Nd4jOneDnnConvolutionShapes(dims(x), dims(w), dims(y),
                List.of((long) o.strideHeight(), (long) o.strideWidth(), (long) p.top(), (long) p.bottom(),
                        (long) p.left(), (long) p.right()));
    }

    private static List<Long> dims(INDArray a) {
        long[] shape = a.shape();
        return List.of(shape[0], shape[1], shape[2], shape[3]);
    }

    /** The input's logical dims: oneDNN's order is N, C, H, W whatever the layout in memory. */
    long[] inputDims() {
        return new long[] {input.get(0), input.get(3), input.get(1), input.get(2)};
    }

    /** The kernel's logical dims, O, I, H, W. */
    long[] kernelDims() {
        return new long[] {kernel.get(3), kernel.get(2), kernel.get(0), kernel.get(1)};
    }

    /** The output's logical dims, N, C, H, W. */
    long[] outputDims() {
        return new long[] {output.get(0), output.get(3), output.get(1), output.get(2)};
    }

    /** The number of elements of an array of {@code dims} (one of the dims above): the floats of a scratch array. */
    static long elements(long[] dims) {
        long elements = 1;
        for (long d : dims) {
            elements *= d;
        }
        return elements;
    }

    long[] strides() {
        return new long[] {stridesAndPadding.get(0), stridesAndPadding.get(1)};
    }

    /** Padding before each spatial axis: top, left. */
    long[] paddingBefore() {
        return new long[] {stridesAndPadding.get(2), stridesAndPadding.get(4)};
    }

    /** Padding after each spatial axis: bottom, right. */
    long[] paddingAfter() {
        return new long[] {stridesAndPadding.get(3), stridesAndPadding.get(5)};
    }
}
