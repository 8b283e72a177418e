package org.resnet4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.resnet4j.ops.ArgumentErrors;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.Tensor;

/**
 * The array plumbing that the forward ({@link Nd4jOps}) and backward ({@link Nd4jGradients}) primitives share:
 * where every result's memory comes from, the padding libnd4j cannot express, and the unwrapping of this backend's
 * tensors. Written once so that both sides allocate, pad and refuse foreign tensors the same way.
 */
abstract class Nd4jKernels {
    /** libnd4j's data-format argument for NHWC. */
    private static final int NHWC = 1;
    /** libnd4j's weights-format argument for HWIO kernels. */
    private static final int WEIGHTS_HWIO = 0;
    /** libnd4j's average-pooling mode that divides by the cells inside the input only (Keras' rule). */
    private static final int AVG_EXCLUDES_PADDING = 0;

    /** The most bytes of unfolded windows ({@link #unfold}) materialised at once; larger batches go in slices. */
    static final long UNFOLD_BYTES = 32L << 20;
    /**
     * Output maps of at most this many cells (height times width) are convolved as a matrix product
     * ({@link #convolveByUnfolding}); larger ones by oneDNN's convolution, which at 7x7 (256 channels, batch 128) took
     * half the product's time.
     */
    static final long SMALL_MAP_CELLS = 16;

    private final Nd4jArrayPool arrays;
    /** Whether the tensors these kernels return hand their arrays back to {@link #arrays} when closed. */
    private final boolean recycling;

    /**
     * Kernels whose results come from {@code pool} when it is not {@code null}; {@code recycling}: the tensors they
     * return hand their arrays back to it when closed (the training ops), rather than the caller doing so (a
     * compiled model's executor, which releases its values itself).
     */
    Nd4jKernels(Nd4jArrayPool pool, boolean recycling) {
        if (recycling && pool == null) {
            throw new IllegalArgumentException("Nd4jKernels expects a pool to recycle into. Received: null");
        }
        this.arrays = pool;
        this.recycling = recycling;
    }

    /** A tensor that owns {@code array}: closing it hands the array back to the pool when these ops recycle. */
    final Nd4jTensor tensor(INDArray array) {
        return new Nd4jTensor(array, recycling ? arrays : null);
    }

    /** The pool results are taken from, or {@code null} when every result is allocated afresh. */
    final Nd4jArrayPool arrays() {
        return arrays;
    }

    /**
     * A c-ordered float array with undefined contents, for a result or a temporary. Every array an op creates comes
     * from here, so that a compiled model's pool can take each one back.
     */
    final INDArray allocate(long... shape) {
        return arrays == null ? Nd4j.createUninitialized(DataType.FLOAT, shape, 'c') : arrays.take(shape);
    }

    /** Frees a temporary from {@link #allocate}, or hands it back to the pool. */
    final void release(INDArray temporary) {
        if (arrays == null) {
            temporary.close();
        } else {
            arrays.give(temporary);
        }
    }

    /**
     * The sum of each column of the c-order matrix {@code rows} ({@code [m, c]}), written into {@code out}
     * ({@code [c]}), as one matrix product of a row of ones with {@code rows} on oneDNN. libnd4j's sum along
     * dimension 0 reads each column with a stride of a whole row, sixteen columns per cache line read again for each:
     * on ResNet-50 at 224x224 (batch 8) its sums for the batch norms took about a fifth of a training step.
     * {@code out} must be contiguous (as {@link #allocate} gives it): the product writes through a reshaped view.
     */
    final INDArray columnSums(INDArray rows, INDArray out) {
        INDArray ones = allocate(1, rows.size(0));
        try {
            ones.assign(1f);
            matmul(ones, false, rows, false, out.reshape('c', 1, rows.size(1)));
        } finally {
            release(ones);
        }
        return out;
    }

    /**
     * {@code out = a b}, {@code a} or {@code b} transposed where asked, by libnd4j's {@code matmul}: oneDNN's matrix
     * product on OpenMP's threads for 2-D float arrays (not OpenBLAS, which ND4J's {@code mmul} calls and which runs
     * on one thread here: {@link Nd4jSettings#blasThreads()}). {@code out} may be a view of whole rows.
     */
    static void matmul(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(out)
                .addIntegerArguments(transposeA ? 1 : 0, transposeB ? 1 : 0).build());
    }

    /**
     * The convolution {@code out = conv(x padded by p, w) + b} (HWIO kernel {@code w}, bias {@code b} or
     * {@code null}, the strides of {@code o}; {@code out} of the output's shape). oneDNN 3.11's convolution with the
     * kernel reordered for this call ({@link #convolveOnOneDnn}) where it is available, else
     * {@link #convolveOnLibnd4j}.
     */
    final void convolve(INDArray x, INDArray w, INDArray b, Conv2dOptions o, Padding.Explicit p, INDArray out) {
        if (!convolveOnOneDnn(x, w, b, o, p, out)) {
            convolveOnLibnd4j(x, w, b, o, p, out);
        }
    }

    /**
     * {@link #convolve} without oneDNN 3.11: libnd4j's {@code conv2d} on its own oneDNN, except on maps of at most
     * {@value #SMALL_MAP_CELLS} output cells, which {@link #convolveByUnfolding} computes.
     */
    final void convolveOnLibnd4j(INDArray x, INDArray w, INDArray b, Conv2dOptions o, Padding.Explicit p,
            INDArray out) {
        if (out.size(1) * out.size(2) <= SMALL_MAP_CELLS) {
            convolveByUnfolding(x, w, b, o, p, out);
            return;
        }
        windowed(x, p, 0f, (source, padHeight, padWidth, result) -> Nd4j.exec(DynamicCustomOp.builder("conv2d")
                .addInputs(b == null ? new INDArray[] {source, w} : new INDArray[] {source, w, b})
                .addOutputs(result)
                .addIntegerArguments(convArguments(w, o, padHeight, padWidth))
                .build()), out);
    }

    /**
     * {@link #convolve} by oneDNN 3.11's forward primitive ({@link Nd4jOneDnnConvolution}), the kernel reordered into
     * the primitive's layout on each call (in training it changes with every step; a compiled model keeps its
     * reordered kernels instead: {@link Nd4jPackedConvolutions}). It reads and writes NHWC where libnd4j's
     * {@code conv2d} reorders the input and the output into a blocked layout and back on every call, and it pads
     * asymmetrically itself: on the seed network's convolutions at batch 128 (AVX2, caches visible) 4 to 79 ms a
     * layer where libnd4j's took 6 to 175 (docs/training.md). Returns {@code false}, computing nothing, when oneDNN
     * 3.11 is not available or has no primitive for the shape, or {@code out} is not dense.
     */
    private boolean convolveOnOneDnn(INDArray x, INDArray w, INDArray b, Conv2dOptions o, Padding.Explicit p,
            INDArray out) {
        Nd4jOneDnnConvolution onednn = Nd4jOneDnnConvolution.available();
        if (onednn == null || !Nd4jOneDnnRuntime.dense(out)) {
            return false;
        }
        Nd4jOneDnnConvolution.Primitives primitives = onednn.primitives(
                Nd4jOneDnnConvolutionShapes.of(x, w, out, o, p), b != null, false, false);
        if (primitives == null) {
            return false;
        }
        INDArray input = Nd4jOneDnnRuntime.contiguous(x);
        INDArray kernel = Nd4jOneDnnRuntime.contiguous(w);
        INDArray bias = b == null ? null : Nd4jOneDnnRuntime.contiguous(b);
        INDArray packed = allocate(primitives.packedFloats());
        try {
            primitives.pack(onednn.runtime(), kernel, packed);
            primitives.run(onednn.runtime(), input, packed, bias, out);
        } finally {
            release(packed);
            onednn.release(primitives);
            closeCopy(input, x);
            closeCopy(kernel, w);
            closeCopy(bias, b);
        }
        return true;
    }

    /** Closes {@code copy} when it is a copy of {@code original} ({@link Nd4jOneDnnRuntime#contiguous}). */
    private static void closeCopy(INDArray copy, INDArray original) {
        if (copy != original) {
            copy.close();
        }
    }

    /**
     * The convolution as a matrix product: the padded input unfolded into one row per output cell
     * ({@link #unfold}) times the kernel flattened to {@code [kh*kw*cin, cout]}, in slices of the batch. Chosen on
     * small maps ({@link #SMALL_MAP_CELLS}), where oneDNN's direct convolution is slow and, like every oneDNN
     * convolution libnd4j runs, reorders the kernel into its blocked layout on every call (on the seed network's 4x4
     * maps, 512 channels, batch 128: 49 ms a call plus 7.7 ms of reordering; the product and the unfolding 37 ms).
     */
    private void convolveByUnfolding(INDArray x, INDArray w, INDArray b, Conv2dOptions o, Padding.Explicit p,
            INDArray out) {
        long n = x.size(0);
        long cells = out.size(1) * out.size(2);
        long windowLength = w.size(0) * w.size(1) * w.size(2);
        long outChannels = w.size(3);
        INDArray source = padded(p) ? pad(x, p, 0f) : x;
        INDArray kernelRows = w.reshape('c', windowLength, outChannels);
        INDArray outRows = out.reshape('c', n * cells, outChannels);
        long slice = imagesPerSlice(n, cells * windowLength);
        INDArray unfolded = allocate(slice * cells, windowLength);
        try {
            for (long first = 0; first < n; first += slice) {
                long count = Math.min(slice, n - first);
                INDArray rows = firstRows(unfolded, count * cells);
                unfold(source, first, count, (int) w.size(0), (int) w.size(1), o, out.size(1), out.size(2), rows);
                matmul(rows, false, kernelRows, false, outRows.get(
                        NDArrayIndex.interval(first * cells, (first + count) * cells), NDArrayIndex.all()));
            }
            if (b != null) {
                Nd4j.exec(new BroadcastAddOp(outRows, b, outRows, 1));
            }
        } finally {
            release(unfolded);
            if (source != x) {
                release(source);
            }
        }
    }

    /**
     * Copies the windows of images {@code [first, first + count)} of the padded NHWC {@code source} into
     * {@code rows} ({@code [count*outHeight*outWidth, kh*kw*cin]}): one row per output cell, its window's cells in
     * HWIO order, one strided copy per kernel cell.
     */
    static void unfold(INDArray source, long first, long count, int kh, int kw, Conv2dOptions o, long outHeight,
            long outWidth, INDArray rows) {
        long channels = source.size(3);
        INDArray windows = rows.reshape('c', count, outHeight, outWidth, kh * kw * channels);
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                long column = (i * kw + j) * channels;
                windows.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.interval(column, column + channels)).assign(source.get(
                        NDArrayIndex.interval(first, first + count), every(i, o.strideHeight(), outHeight),
                        every(j, o.strideWidth(), outWidth), NDArrayIndex.all()));
            }
        }
    }

    /**
     * How many images of a batch of {@code n} go into one slice of unfolded windows when one image unfolds into
     * {@code floatsPerImage} values: as many as fit {@value #UNFOLD_BYTES} bytes, at least one.
     */
    static long imagesPerSlice(long n, long floatsPerImage) {
        return Math.max(1, Math.min(n, UNFOLD_BYTES / Math.max(1, floatsPerImage * Float.BYTES)));
    }

    /**
     * The index of {@code count} positions from {@code first}, {@code stride} apart. Not ND4J's strided interval
     * alone: for one position after the first ({@code interval(2, 2, 3)}) ND4J 1.0.0-M2.1 gives two, reading past
     * the array (a crash, or wrong values, on 1-pixel outputs of strided convolutions).
     */
    static INDArrayIndex every(long first, long stride, long count) {
        return count == 1 ? NDArrayIndex.interval(first, first + 1)
                : NDArrayIndex.interval(first, stride, first + stride * (count - 1) + 1);
    }

    /** The first {@code count} rows of the c-order matrix {@code rows}: itself when that is all of them. */
    static INDArray firstRows(INDArray rows, long count) {
        return count == rows.size(0) ? rows : rows.get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
    }

    /** What a window op computes once the padding it is given is symmetric. */
    @FunctionalInterface
    interface WindowKernel {
        void run(INDArray source, int padHeight, int padWidth, INDArray output);
    }

    /**
     * Runs a sliding-window op into {@code out} with the resolved padding {@code p} of its shape rule: symmetric
     * amounts go to libnd4j as pH/pW, unequal ones are materialised with {@code padValue} and the op runs VALID.
     */
    final void windowed(INDArray x, Padding.Explicit p, float padValue, WindowKernel kernel, INDArray out) {
        if (symmetric(p)) {
            kernel.run(x, p.top(), p.left(), out);
            return;
        }
        INDArray padded = pad(x, p, padValue);
        try {
            kernel.run(padded, 0, 0, out);
        } finally {
            release(padded);
        }
    }

    /** Whether {@code p} pads anything. */
    static boolean padded(Padding.Explicit p) {
        return p.top() != 0 || p.bottom() != 0 || p.left() != 0 || p.right() != 0;
    }

    /** Whether libnd4j can take {@code p} as its own pH/pW (equal amounts on both sides of each axis). */
    static boolean symmetric(Padding.Explicit p) {
        return p.top() == p.bottom() && p.left() == p.right();
    }

    /** A copy of the NHWC array {@code x} padded by {@code p} with {@code value}. */
    final INDArray pad(INDArray x, Padding.Explicit p, float value) {
        long h = x.size(1);
        long w = x.size(2);
        INDArray out = allocate(x.size(0), h + p.top() + p.bottom(), w + p.left() + p.right(), x.size(3)).assign(value);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(p.top(), p.top() + h),
                NDArrayIndex.interval(p.left(), p.left() + w), NDArrayIndex.all()).assign(x);
        return out;
    }

    /**
     * What average pooling with unequal padding divides by: for each window of a VALID pool over an
     * {@code [1, height, width, channels]} input padded by {@code p}, the fraction of its cells that lie inside the
     * input (Keras counts only those), as a {@code [1, outHeight, outWidth, channels]} array from {@link #allocate}.
     */
    final INDArray realCellFractions(long height, long width, long channels, Padding.Explicit p, PoolOptions options,
            long outHeight, long outWidth) {
        INDArray ones = allocate(1, height, width, channels).assign(1f);
        INDArray paddedOnes = pad(ones, p, 0f);
        release(ones);
        try {
            INDArray fractions = allocate(1, outHeight, outWidth, channels);
            Nd4j.exec(DynamicCustomOp.builder("avgpool2d").addInputs(paddedOnes).addOutputs(fractions)
                    .addIntegerArguments(poolArguments(options, 0, 0)).build());
            return fractions;
        } finally {
            release(paddedOnes);
        }
    }

    /** Divides each sample of {@code batch} by {@code perSample} (one sample's worth of values), in place. */
    static void divideEachSample(INDArray batch, INDArray perSample) {
        long n = batch.size(0);
        long length = batch.length() / n;
        batch.reshape('c', n, length).diviRowVector(perSample.reshape('c', 1, length));
    }

    /**
     * libnd4j's {@code batchnorm} over the last axis of {@code x}: {@code gamma * (x - mean) / sqrt(variance + epsilon)
     * + beta}, into a new array. The inference op and the training op (with the batch's statistics) both run it.
     */
    final INDArray batchNorm(INDArray x, INDArray mean, INDArray variance, INDArray gamma, INDArray beta,
            float epsilon) {
        INDArray out = allocate(x.shape());
        batchNorm(x, mean, variance, gamma, beta, epsilon, out);
        return out;
    }

    /** As {@link #batchNorm(INDArray, INDArray, INDArray, INDArray, INDArray, float)}, into {@code out}. */
    static void batchNorm(INDArray x, INDArray mean, INDArray variance, INDArray gamma, INDArray beta, float epsilon,
            INDArray out) {
        // inputs: x, mean, variance, gamma, beta; iargs: apply gamma, apply beta, channel axis; targ: epsilon
        Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                .addInputs(x, mean, variance, gamma, beta)
                .addOutputs(out)
                .addIntegerArguments(1, 1, x.rank() - 1)
                .addFloatingPointArguments((double) epsilon)
                .build());
    }

    /** libnd4j's integer arguments of {@code conv2d} and {@code conv2d_bp}: NHWC input, HWIO kernel {@code w}. */
    static int[] convArguments(INDArray w, Conv2dOptions o, int padHeight, int padWidth) {
        return new int[] {(int) w.size(0), (int) w.size(1), o.strideHeight(), o.strideWidth(), padHeight, padWidth, 1,
            1, 0, NHWC, WEIGHTS_HWIO};
    }

    /** libnd4j's integer arguments of a 2-D pooling op (and its backward op), NHWC, padding as given. */
    static int[] poolArguments(PoolOptions o, int padHeight, int padWidth) {
        return new int[] {o.poolHeight(), o.poolWidth(), o.strideHeight(), o.strideWidth(), padHeight, padWidth, 1,
            1, 0, AVG_EXCLUDES_PADDING, NHWC};
    }

    /** The array behind a tensor this backend made; anything else is refused in the ops' wording. */
    static INDArray array(Tensor tensor, String op) {
        if (tensor instanceof Nd4jTensor t) {
            return t.array();
        }
        throw ArgumentErrors.foreignTensor(op, "the nd4j backend", tensor);
    }
}
