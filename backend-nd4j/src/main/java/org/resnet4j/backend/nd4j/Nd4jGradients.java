package org.resnet4j.backend.nd4j;

import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.DenseGradients;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.GradientShapes;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.PoolingShapes;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The backward primitives ({@link GradientOps}) on libnd4j's ops, in NHWC and HWIO like {@link Nd4jOps}: the
 * convolution backward by oneDNN 3.11's own backward-weights and backward-data primitives
 * ({@link Nd4jOneDnnKernelGradient}, {@link Nd4jOneDnnInputGradient}), else from forward-speed oneDNN ops
 * ({@code matmul} and {@code conv2d}; libnd4j's {@code conv2d_bp} was several times slower, its {@code deconv2d}
 * slow at stride 2), batch norm in training forward and backward by
 * oneDNN 3.11's primitives ({@link Nd4jOneDnnBatchNorm}; else in closed form on libnd4j's ops, not
 * {@code batchnorm_bp}, which was slower still), {@code maxpool2d_bp}, {@code avgpool2d_bp}, {@code step} (for the
 * ReLU backward), {@code batchnorm} and {@code adam_updater}, called directly (no DL4J layers, no SameDiff), and
 * in-place BLAS arithmetic where a closed form is shorter than an op (softmax backward, the losses, SGD). Arguments are
 * checked by the api's {@link GradientShapes} first, so every error reads as on the other backends. Padding libnd4j
 * cannot express (unequal amounts on two sides of an axis) is materialised as in the forward ops, and the padded part
 * of the input gradient is cropped afterwards.
 */
class Nd4jGradients extends Nd4jKernels implements GradientOps {
    /** Backward primitives whose results come from {@code pool} when not {@code null}; see {@link Nd4jKernels}. */
    Nd4jGradients(Nd4jArrayPool pool, boolean recycling) {
        super(pool, recycling);
    }

    @Override
    public Conv2dGradients conv2dBackward(Tensor outputGradient, Tensor input, Tensor kernel, Conv2dOptions options,
            boolean inputGradient) {
        String op = "conv2dBackward";
        INDArray dy = array(outputGradient, op);
        INDArray x = array(input, op);
        INDArray w = array(kernel, op);
        GradientShapes.conv2dBackward(outputGradient.shape(), input.shape(), kernel.shape(), options);
        Padding.Explicit p = ConvolutionShapes.padding(input.shape(), kernel.shape(), options);
        // Not libnd4j's conv2d_bp: with oneDNN 2.3 it took 3 to 11 times as long as the forward convolution of the
        // same shape (5 times PyTorch's backward on the seed network's 3x3 convolutions with 128 to 512 channels).
        // Both gradients are oneDNN 3.11's own primitives, or forward convolutions and matrix products where those
        // are not used; see docs/backend-nd4j.md.
        INDArray dw = kernelGradientOf(dy, x, w, options, p);
        if (!inputGradient) {
            return new Conv2dGradients(null, tensor(dw));
        }
        return new Conv2dGradients(tensor(inputGradientOf(dy, x, w, options, p)), tensor(dw));
    }

    /**
     * The kernel gradient: oneDNN's backward-weights primitive ({@link Nd4jOneDnnKernelGradient}) where it is
     * available and takes the shape, else matrix products (by shifts or by unfolding, whichever was faster).
     */
    private INDArray kernelGradientOf(INDArray dy, INDArray x, INDArray w, Conv2dOptions o, Padding.Explicit p) {
        Nd4jOneDnnKernelGradient onednn = Nd4jOneDnnKernelGradient.available();
        if (onednn != null) {
            INDArray dw = allocate(w.shape());
            if (onednn.compute(x, dy, dw, o, p, this)) {
                return dw;
            }
            release(dw);
        }
        return matrixKernelGradient(dy, x, w, o, p);
    }

    /** The kernel gradient by matrix products: by shifts where they pay off, else by unfolding. */
    INDArray matrixKernelGradient(INDArray dy, INDArray x, INDArray w, Conv2dOptions o, Padding.Explicit p) {
        return shiftsPayOff(dy, x, w, o, p) ? kernelGradientByShifts(dy, x, w, p) : kernelGradient(dy, x, w, o, p);
    }

    /**
     * The kernel gradient at stride 1 without unfolding the input (which, a strided copy per kernel cell, cost more
     * than the product itself on 28x28x64): with the padded input {@code xp} and the output gradient placed in the
     * top-left corner of an array of the same height and width (zeros elsewhere), both flattened to rows
     * {@code [n*hp*wp, channels]}, the rows of {@code xp} that kernel cell {@code (i, j)} multiplies with dy's row
     * {@code r} are row {@code r + i*wp + j}, in the same image. So {@code dW[i, j] = xp[off .. off + rows)^T
     * dyPlaced[0 .. rows)}, {@code off = i*wp + j}: one matrix product per kernel cell on contiguous views, each over
     * {@code hp*wp / (h*w)} times the rows a product of unfolded windows would need (the zero rows).
     */
    private INDArray kernelGradientByShifts(INDArray dy, INDArray x, INDArray w, Padding.Explicit p) {
        int kh = (int) w.size(0);
        int kw = (int) w.size(1);
        long inC = w.size(2);
        long outC = w.size(3);
        INDArray source = padded(p) ? pad(x, p, 0f) : x;
        long n = source.size(0);
        long hp = source.size(1);
        long wp = source.size(2);
        // dy is [n, hp - kh + 1, wp - kw + 1, outC]: padded at the bottom and right to [n, hp, wp, outC]
        INDArray placed = pad(dy, Padding.explicit(0, kh - 1, 0, kw - 1), 0f);
        INDArray dw = allocate(w.shape());
        try {
            INDArray sourceRows = source.reshape('c', n * hp * wp, inC);
            INDArray placedRows = placed.reshape('c', n * hp * wp, outC);
            long rows = n * hp * wp - ((kh - 1) * wp + (kw - 1));
            INDArray gradientRows = placedRows.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
            INDArray dwRows = dw.reshape('c', (long) kh * kw * inC, outC);
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    long offset = i * wp + j;
                    long cell = (long) (i * kw + j) * inC;
                    matmul(sourceRows.get(NDArrayIndex.interval(offset, offset + rows), NDArrayIndex.all()), true,
                            gradientRows, false,
                            dwRows.get(NDArrayIndex.interval(cell, cell + inC), NDArrayIndex.all()));
                }
            }
        } finally {
            release(placed);
            if (source != x) {
                release(source);
            }
        }
        return dw;
    }

    /**
     * Whether {@link #kernelGradientByShifts} beats unfolding ({@link #kernelGradient}), by what was measured on the
     * seed network: only at stride 1, with enough input channels for its products to be efficient (the 1-channel
     * stem took 3 times as long), and when padding adds few zero rows (28x28 and 14x14 gained 3 and 2 times; at
     * 7x7 and 4x4, 1.65 and 2.25 times the rows, unfolding was faster).
     */
    private static boolean shiftsPayOff(INDArray dy, INDArray x, INDArray w, Conv2dOptions o, Padding.Explicit p) {
        if (o.strideHeight() != 1 || o.strideWidth() != 1 || w.size(2) < 32) {
            return false;
        }
        long paddedCells = (x.size(1) + p.top() + p.bottom()) * (x.size(2) + p.left() + p.right());
        return paddedCells * 10 <= dy.size(1) * dy.size(2) * 14;
    }

    /**
     * The kernel gradient {@code dW[i, j, ci, co] = sum over n, h, w of xPadded[n, h*sh + i, w*sw + j, ci] *
     * dy[n, h, w, co]}: the padded input unfolded into rows {@code [n*h*w, kh*kw*ci]} ({@link #unfold}), then
     * {@code rows^T dy} as one matrix product whose result is the kernel's HWIO layout, flattened. Done in slices of
     * the batch so that the unfolded rows stay small.
     */
    private INDArray kernelGradient(INDArray dy, INDArray x, INDArray w, Conv2dOptions o, Padding.Explicit p) {
        long n = x.size(0);
        long outH = dy.size(1);
        long outW = dy.size(2);
        long outC = dy.size(3);
        long cells = outH * outW;
        long windowLength = w.size(0) * w.size(1) * w.size(2);
        INDArray source = padded(p) ? pad(x, p, 0f) : x;
        INDArray dw = allocate(w.shape());
        INDArray dwRows = dw.reshape('c', windowLength, outC);
        long slice = imagesPerSlice(n, cells * windowLength);
        INDArray unfolded = allocate(slice * cells, windowLength);
        INDArray partial = slice < n ? allocate(windowLength, outC) : null;
        try {
            for (long first = 0; first < n; first += slice) {
                long count = Math.min(slice, n - first);
                INDArray rows = firstRows(unfolded, count * cells);
                unfold(source, first, count, (int) w.size(0), (int) w.size(1), o, outH, outW, rows);
                INDArray dyRows = dy.get(NDArrayIndex.interval(first, first + count), NDArrayIndex.all(),
                        NDArrayIndex.all(), NDArrayIndex.all()).reshape('c', count * cells, outC);
                INDArray target = first == 0 ? dwRows : partial;
                matmul(rows, true, dyRows, false, target);
                if (first != 0) {
                    dwRows.addi(partial);
                }
            }
        } finally {
            release(unfolded);
            if (partial != null) {
                release(partial);
            }
            if (source != x) {
                release(source);
            }
        }
        return dw;
    }

    /**
     * The input gradient. For a 1x1 kernel at a stride above 1 a matrix product and one strided copy
     * ({@link #inputGradientByFolding}); otherwise oneDNN 3.11's backward-data primitive
     * ({@link Nd4jOneDnnInputGradient}) where it is available and takes the shape, else
     * {@link #convolutionInputGradient}.
     */
    private INDArray inputGradientOf(INDArray dy, INDArray x, INDArray w, Conv2dOptions o, Padding.Explicit p) {
        boolean strided = o.strideHeight() != 1 || o.strideWidth() != 1;
        if (strided && w.size(0) == 1 && w.size(1) == 1) {
            return inputGradientByFolding(dy, x, w, o, p);
        }
        Nd4jOneDnnInputGradient onednn = Nd4jOneDnnInputGradient.available();
        if (onednn != null) {
            INDArray dx = allocate(x.shape());
            if (onednn.compute(dy, w, dx, o, p, this)) {
                return dx;
            }
            release(dx);
        }
        return convolutionInputGradient(dy, x, w, o, p);
    }

    /**
     * The input gradient as a forward convolution ({@link #convolve}) with the kernel turned half a turn
     * ({@link #turnedKernelConvolution}): where oneDNN 3.11's backward-data primitive is not used.
     */
    INDArray convolutionInputGradient(INDArray dy, INDArray x, INDArray w, Conv2dOptions o, Padding.Explicit p) {
        return turnedKernelConvolution(dy, x, w, o, p);
    }

    /**
     * {@code dx = conv2d(spread, turned)} at stride 1 and VALID, where {@code turned[i, j, co, ci] =
     * w[kh - 1 - i, kw - 1 - j, ci, co]} and {@code spread} is {@code dy} spread out by the strides (zeros between
     * its rows and columns) and placed in zeros of shape {@code [n, h + kh - 1, w + kw - 1, cout]}: output row
     * {@code r} of the forward op read padded input rows {@code r*sh .. r*sh + kh - 1}, so its gradient goes to row
     * {@code kh - 1 - top + r*sh}. Rows placed outside (possible only when the padding is as large as the kernel)
     * read padding only and are left out. At stride 1 this is {@code dy} padded by the kernel size less one less
     * the forward padding. Not libnd4j's {@code deconv2d}: at stride 2 on the seed network (batch 128) oneDNN's
     * transposed convolution first reordered the gradient into a blocked layout, up to 75 ms a call, and this
     * (with four times the products, three quarters of them with zeros) took less. Nor the api's
     * {@link org.resnet4j.ops.PhaseSplitInputGradient}, which tf uses: on the seed network's 28x28 stride-2
     * convolution (batch 128, pooled arrays) its convolution took 20 ms, but moving its channel blocks into rows and
     * columns took libnd4j 15 to 31 ms more (a permuted {@code assign} and {@code depth_to_space} alike), no less in
     * all than this way's 40 ms.
     */
    private INDArray turnedKernelConvolution(INDArray dy, INDArray x, INDArray w, Conv2dOptions o,
            Padding.Explicit p) {
        long kh = w.size(0);
        long kw = w.size(1);
        INDArray turned = allocate(kh, kw, w.size(3), w.size(2));
        INDArray dx = allocate(x.shape());
        Conv2dOptions unitStrides = Conv2dOptions.of(1, Padding.VALID);
        // At stride 1 with padding smaller than the kernel, spreading is padding: convolve pads (or has oneDNN pad).
        boolean padOnly = o.strideHeight() == 1 && o.strideWidth() == 1 && Math.max(p.top(), p.bottom()) < kh
                && Math.max(p.left(), p.right()) < kw;
        INDArray spread = padOnly ? null
                : allocate(x.size(0), x.size(1) + kh - 1, x.size(2) + kw - 1, dy.size(3));
        try {
            for (long i = 0; i < kh; i++) {
                for (long j = 0; j < kw; j++) {
                    turned.get(NDArrayIndex.point(i), NDArrayIndex.point(j), NDArrayIndex.all(), NDArrayIndex.all())
                            .assign(w.get(NDArrayIndex.point(kh - 1 - i), NDArrayIndex.point(kw - 1 - j),
                                    NDArrayIndex.all(), NDArrayIndex.all()).transpose());
                }
            }
            if (padOnly) {
                convolve(dy, turned, null, unitStrides, Padding.explicit((int) kh - 1 - p.top(),
                        (int) kh - 1 - p.bottom(), (int) kw - 1 - p.left(), (int) kw - 1 - p.right()), dx);
                return dx;
            }
            spread.assign(0f);
            Placement rows = Placement.of(kh - 1 - p.top(), o.strideHeight(), dy.size(1), spread.size(1));
            Placement columns = Placement.of(kw - 1 - p.left(), o.strideWidth(), dy.size(2), spread.size(2));
            if (rows.count() > 0 && columns.count() > 0) {
                spread.get(NDArrayIndex.all(), rows.target(), columns.target(), NDArrayIndex.all()).assign(
                        dy.get(NDArrayIndex.all(), rows.source(), columns.source(), NDArrayIndex.all()));
            }
            convolve(spread, turned, null, unitStrides, Padding.explicit(0, 0, 0, 0), dx);
        } finally {
            release(turned);
            if (spread != null) {
                release(spread);
            }
        }
        return dx;
    }

    /**
     * Where the output gradient's rows (or columns) go in {@link #turnedKernelConvolution}'s spread array: source
     * row {@code r} to {@code start + r*stride}, for the rows that land in {@code [0, size)}.
     */
    private record Placement(long firstSource, long firstTarget, long count, long stride) {
        static Placement of(long start, long stride, long sourceRows, long size) {
            long first = start >= 0 ? 0 : (-start + stride - 1) / stride;
            long last = Math.min(sourceRows - 1, Math.floorDiv(size - 1 - start, stride));
            return new Placement(first, start + first * stride, Math.max(0, last - first + 1), stride);
        }

        INDArrayIndex source() {
            return NDArrayIndex.interval(firstSource, firstSource + count);
        }

        INDArrayIndex target() {
            return every(firstTarget, stride, count);
        }
    }

    /**
     * The input gradient as the reverse of unfolding: {@code dy} as rows {@code [n*oh*ow, cout]} times the flattened
     * kernel transposed gives each window's gradient, a row {@code [kh*kw*cin]} in HWIO order; each kernel cell's
     * block of columns is then added into the padded input's gradient at the cells that cell of the windows read (one
     * strided addition per kernel cell), and the padding cropped off. Cells no window reaches get zeros. In slices of
     * the batch, like {@link #kernelGradient}. Used for 1x1 kernels at strides above 1 (ResNet-50's projection
     * shortcuts), where the windows do not overlap: one product and one strided addition. With overlapping windows
     * the additions, libnd4j's element-by-element loop over strided views, took longer than a convolution.
     */
    private INDArray inputGradientByFolding(INDArray dy, INDArray x, INDArray w, Conv2dOptions o, Padding.Explicit p) {
        long n = x.size(0);
        long outH = dy.size(1);
        long outW = dy.size(2);
        long outC = dy.size(3);
        long cells = outH * outW;
        int kh = (int) w.size(0);
        int kw = (int) w.size(1);
        long inC = w.size(2);
        long windowLength = kh * kw * inC;
        INDArray dx = allocate(x.shape());
        INDArray target = padded(p)
                ? allocate(n, x.size(1) + p.top() + p.bottom(), x.size(2) + p.left() + p.right(), inC) : dx;
        long slice = imagesPerSlice(n, cells * windowLength);
        INDArray windowGradients = allocate(slice * cells, windowLength);
        try {
            target.assign(0f);
            INDArray kernelRows = w.reshape('c', windowLength, outC);
            for (long first = 0; first < n; first += slice) {
                long count = Math.min(slice, n - first);
                INDArray rows = firstRows(windowGradients, count * cells);
                INDArray dyRows = dy.get(NDArrayIndex.interval(first, first + count), NDArrayIndex.all(),
                        NDArrayIndex.all(), NDArrayIndex.all()).reshape('c', count * cells, outC);
                matmul(dyRows, false, kernelRows, true, rows);
                INDArray windows = rows.reshape('c', count, outH, outW, windowLength);
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        long column = (i * kw + j) * inC;
                        INDArray readByCell = target.get(NDArrayIndex.interval(first, first + count),
                                every(i, o.strideHeight(), outH), every(j, o.strideWidth(), outW), NDArrayIndex.all());
                        readByCell.addi(windows.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                                NDArrayIndex.interval(column, column + inC)));
                    }
                }
            }
            if (target != dx) {
                dx.assign(target.get(NDArrayIndex.all(), NDArrayIndex.interval(p.top(), p.top() + x.size(1)),
                        NDArrayIndex.interval(p.left(), p.left() + x.size(2)), NDArrayIndex.all()));
            }
        } finally {
            release(windowGradients);
            if (target != dx) {
                release(target);
            }
        }
        return dx;
    }

    @Override
    public Tensor biasBackward(Tensor outputGradient) {
        INDArray dy = array(outputGradient, "biasBackward");
        Shape bias = GradientShapes.biasBackward(outputGradient.shape());
        long c = bias.dim(0);
        return tensor(columnSums(dy.reshape('c', dy.length() / c, c), allocate(c)));
    }

    @Override
    public DenseGradients denseBackward(Tensor outputGradient, Tensor input, Tensor kernel) {
        INDArray dy = array(outputGradient, "denseBackward");
        INDArray x = array(input, "denseBackward");
        INDArray w = array(kernel, "denseBackward");
        GradientShapes.denseBackward(outputGradient.shape(), input.shape(), kernel.shape());
        INDArray dx = allocate(x.shape());
        matmul(dy, false, w, true, dx);
        INDArray dw = allocate(w.shape());
        matmul(x, true, dy, false, dw);
        return new DenseGradients(tensor(dx), tensor(dw));
    }

    @Override
    public BatchNormTraining batchNormTraining(Tensor input, Tensor gamma, Tensor beta, Tensor movingMean,
            Tensor movingVariance, float epsilon, float momentum) {
        String op = "batchNormTraining";
        INDArray x = array(input, op);
        INDArray g = array(gamma, op);
        INDArray b = array(beta, op);
        INDArray mm = array(movingMean, op);
        INDArray mv = array(movingVariance, op);
        GradientShapes.batchNormTraining(input.shape(), gamma.shape(), beta.shape(), movingMean.shape(),
                movingVariance.shape());
        long c = x.size(x.rank() - 1);
        INDArray mean = allocate(c);
        INDArray variance = allocate(c);
        INDArray out = allocate(x.shape());
        Nd4jOneDnnBatchNorm onednn = Nd4jOneDnnBatchNorm.available();
        if (onednn != null) {
            onDenseArrays(new INDArray[] {x, g, b}, dense -> onednn.forward(dense[0], dense[1], dense[2], epsilon, out,
                    mean, variance));
        } else {
            closedFormBatchNorm(x, g, b, epsilon, out, mean, variance);
        }
        moveTowards(mm, mean, momentum);
        moveTowards(mv, variance, momentum);
        return new BatchNormTraining(tensor(out), tensor(mean), tensor(variance));
    }

    /**
     * Runs {@code work} on {@code arrays} as dense c-ordered arrays ({@link Nd4jOneDnnRuntime#contiguous}: the
     * arrays themselves where they already are, else copies, closed afterwards).
     */
    private static void onDenseArrays(INDArray[] arrays, Consumer<INDArray[]> work) {
        INDArray[] dense = new INDArray[arrays.length];
        try {
            for (int i = 0; i < arrays.length; i++) {
                dense[i] = Nd4jOneDnnRuntime.contiguous(arrays[i]);
            }
            work.accept(dense);
        } finally {
            for (int i = 0; i < arrays.length; i++) {
                if (dense[i] != null && dense[i] != arrays[i]) {
                    dense[i].close();
                }
            }
        }
    }

    /**
     * {@link #batchNormTraining}'s output and batch statistics in libnd4j's ops (where oneDNN 3.11 is not available),
     * into {@code out}, {@code mean}, {@code variance}.
     */
    void closedFormBatchNorm(INDArray x, INDArray g, INDArray b, float epsilon, INDArray out, INDArray mean,
            INDArray variance) {
        batchStatistics(x, mean, variance);
        batchNorm(x, mean, variance, g, b, epsilon, out);
    }

    /** The batch mean and biased variance per channel (the last axis) of {@code x}, in libnd4j's ops. */
    private void batchStatistics(INDArray x, INDArray mean, INDArray variance) {
        long c = x.size(x.rank() - 1);
        long m = x.length() / c;
        // The batch mean and the biased variance over every axis but the channels, as column sums of the rows
        // [m, c] (libnd4j's moments reduces with a stride of a row, as its sums do: see columnSums); the variance
        // from the centred values, not from the mean of squares, which would cancel when the mean is large.
        INDArray x2 = x.reshape('c', m, c);
        INDArray centred = allocate(m, c);
        try {
            columnSums(x2, mean).divi(m);
            Nd4j.exec(new BroadcastSubOp(x2, mean, centred, 1));
            centred.muli(centred);
            columnSums(centred, variance).divi(m);
        } finally {
            release(centred);
        }
    }

    /** {@code moving = moving * momentum + batch * (1 - momentum)}, in place. */
    private static void moveTowards(INDArray moving, INDArray batch, float momentum) {
        moving.muli(momentum);
        Nd4j.getBlasWrapper().level1().axpy(moving.length(), 1.0 - momentum, batch, moving);
    }

    @Override
    public BatchNormGradients batchNormBackward(Tensor outputGradient, Tensor input, Tensor gamma, Tensor batchMean,
            Tensor batchVariance, float epsilon) {
        String op = "batchNormBackward";
        INDArray dy = array(outputGradient, op);
        INDArray x = array(input, op);
        INDArray g = array(gamma, op);
        INDArray mean = array(batchMean, op);
        INDArray variance = array(batchVariance, op);
        GradientShapes.batchNormBackward(outputGradient.shape(), input.shape(), gamma.shape(), batchMean.shape(),
                batchVariance.shape());
        long c = x.size(x.rank() - 1);
        INDArray dx = allocate(x.shape());
        INDArray dBeta = allocate(c);
        INDArray dGamma = allocate(c);
        Nd4jOneDnnBatchNorm onednn = Nd4jOneDnnBatchNorm.available();
        if (onednn != null) {
            onDenseArrays(new INDArray[] {dy, x, g, mean, variance}, dense -> onednn.backward(dense[0], dense[1],
                    dense[2], dense[3], dense[4], epsilon, dx, dGamma, dBeta));
        } else {
            closedFormBatchNormBackward(dy, x, g, mean, variance, epsilon, dx, dGamma, dBeta);
        }
        return new BatchNormGradients(tensor(dx), tensor(dGamma), tensor(dBeta));
    }

    /**
     * {@link #batchNormBackward}'s gradients in libnd4j's ops (where oneDNN 3.11 is not available), into {@code dx},
     * {@code dGamma}, {@code dBeta}.
     */
    void closedFormBatchNormBackward(INDArray dy, INDArray x, INDArray g, INDArray mean, INDArray variance,
            float epsilon, INDArray dx, INDArray dGamma, INDArray dBeta) {
        long c = x.size(x.rank() - 1);
        long m = x.length() / c;
        // The closed form over rows [m, c] (m = N*H*W values per channel), with xhat = (x - mean) / sqrt(var + eps):
        //   dbeta = sum(dy), dgamma = sum(dy * xhat),
        //   dx = gamma / sqrt(var + eps) * (dy - dbeta / m - xhat * dgamma / m),
        // as a * dy + b * (x - mean) + c0 per channel, in eight passes over the activations. libnd4j's batchnorm_bp
        // computes the same but took 3 to 6 times as long (7 times its forward op) on the seed network's shapes.
        INDArray x2 = x.reshape('c', m, c);
        INDArray dy2 = dy.reshape('c', m, c);
        INDArray dx2 = dx.reshape('c', m, c);
        INDArray centred = allocate(m, c);
        try {
            Nd4j.exec(new BroadcastSubOp(x2, mean, centred, 1));
            centred.mul(dy2, dx2); // dx's memory as scratch for dy * (x - mean)
            columnSums(dx2, dGamma);
            columnSums(dy2, dBeta);
            float[] sumCentred = dGamma.toFloatVector();
            float[] sumDy = dBeta.toFloatVector();
            float[] gammas = g.toFloatVector();
            float[] variances = variance.toFloatVector();
            float[] gammaGradient = new float[(int) c];
            float[] a = new float[(int) c];
            float[] b = new float[(int) c];
            float[] c0 = new float[(int) c];
            for (int k = 0; k < c; k++) {
                double inverseStd = 1.0 / Math.sqrt((double) variances[k] + epsilon);
                double dg = sumCentred[k] * inverseStd;
                double scale = gammas[k] * inverseStd;
                gammaGradient[k] = (float) dg;
                a[k] = (float) scale;
                b[k] = (float) (-scale * inverseStd * dg / m);
                c0[k] = (float) (-scale * sumDy[k] / m);
            }
            try (INDArray gammaRow = Nd4j.createFromArray(gammaGradient); INDArray aRow = Nd4j.createFromArray(a);
                    INDArray bRow = Nd4j.createFromArray(b);
                    INDArray c0Row = Nd4j.createFromArray(c0)) {
                dGamma.assign(gammaRow);
                Nd4j.exec(new BroadcastMulOp(dy2, aRow, dx2, 1));
                Nd4j.exec(new BroadcastMulOp(centred, bRow, centred, 1));
                dx2.addi(centred);
                Nd4j.exec(new BroadcastAddOp(dx2, c0Row, dx2, 1));
            }
        } finally {
            release(centred);
        }
    }

    @Override
    public Tensor reluBackward(Tensor outputGradient, Tensor output) {
        INDArray dy = array(outputGradient, "reluBackward");
        INDArray y = array(output, "reluBackward");
        GradientShapes.sameShape("reluBackward", "output", output.shape(), "outputGradient",
                outputGradient.shape());
        INDArray dx = allocate(y.shape());
        // dy where the output is positive (exactly where the input is), as a 0/1 step times dy: two plain passes
        // took 1.9 ms on [128, 28, 28, 64], libnd4j's relu_bp 6.4 ms.
        Nd4j.exec(new Step(y, dx, 0.0));
        dx.muli(dy);
        return tensor(dx);
    }

    @Override
    public Tensor maxPoolBackward(Tensor outputGradient, Tensor input, PoolOptions options) {
        INDArray dy = array(outputGradient, "maxPoolBackward");
        INDArray x = array(input, "maxPoolBackward");
        GradientShapes.poolBackward("maxPoolBackward", outputGradient.shape(), input.shape(), options);
        Padding.Explicit p = PoolingShapes.padding(input.shape(), options);
        return tensor(poolBackward("maxpool2d_bp", x, dy, options, p, Float.NEGATIVE_INFINITY));
    }

    @Override
    public Tensor avgPoolBackward(Tensor outputGradient, Shape inputShape, PoolOptions options) {
        INDArray dy = array(outputGradient, "avgPoolBackward");
        GradientShapes.poolBackward("avgPoolBackward", outputGradient.shape(), inputShape, options);
        Padding.Explicit p = PoolingShapes.padding(inputShape, options);
        // avgpool2d_bp reads only the input's shape; zeros keep the array defined.
        INDArray shapeOnly = allocate(dims(inputShape)).assign(0f);
        try {
            if (symmetric(p)) {
                return tensor(poolBackward("avgpool2d_bp", shapeOnly, dy, options, p, 0f));
            }
            // Unequal padding (as the forward op): a VALID pool over the zero-padded input divided by the fraction
            // of real cells in each window; so each window's gradient is scaled by 1 / fraction, then spread.
            PoolOptions valid = new PoolOptions(options.poolHeight(), options.poolWidth(), options.strideHeight(),
                    options.strideWidth(), Padding.VALID);
            INDArray fractions = realCellFractions(inputShape.dim(1), inputShape.dim(2), inputShape.dim(3), p, options,
                    dy.size(1), dy.size(2));
            INDArray scaled = allocate(dy.shape()).assign(dy);
            INDArray padded = pad(shapeOnly, p, 0f);
            try {
                divideEachSample(scaled, fractions);
                INDArray paddedGradient =
                        poolBackward("avgpool2d_bp", padded, scaled, valid, Padding.explicit(0, 0, 0, 0), 0f);
                return tensor(cropAndRelease(paddedGradient, p));
            } finally {
                release(fractions);
                release(scaled);
                release(padded);
            }
        } finally {
            release(shapeOnly);
        }
    }

    @Override
    public Tensor globalAvgPoolBackward(Tensor outputGradient, Shape inputShape) {
        INDArray dy = array(outputGradient, "globalAvgPoolBackward");
        GradientShapes.globalAvgPoolBackward(outputGradient.shape(), inputShape);
        long n = inputShape.dim(0);
        long cells = (long) inputShape.dim(1) * inputShape.dim(2);
        long c = inputShape.dim(3);
        INDArray dx = allocate(dims(inputShape));
        INDArray perCell = allocate(n, c);
        // Every cell of a channel gets 1 / (h * w) of its gradient: [n, h*w, c] is dy / cells along the cells. One
        // broadcast copy into the result: 1.4 ms a step on the seed network's [128, 4, 4, 512], where a materialised
        // broadcast and an assign took 17 to 24 ms.
        try {
            dy.mul(1.0 / cells, perCell);
            Nd4j.exec(new BroadcastCopyOp(dx.reshape('c', n, cells, c), perCell, dx.reshape('c', n, cells, c), 0, 2));
        } finally {
            release(perCell);
        }
        return tensor(dx);
    }

    @Override
    public Tensor zeroPadBackward(Tensor outputGradient, Padding.Explicit padding) {
        INDArray dy = array(outputGradient, "zeroPadBackward");
        GradientShapes.zeroPadBackward(outputGradient.shape(), padding);
        return tensor(crop(dy, padding));
    }

    @Override
    public Tensor softmaxBackward(Tensor outputGradient, Tensor output) {
        INDArray dy = array(outputGradient, "softmaxBackward");
        INDArray y = array(output, "softmaxBackward");
        GradientShapes.softmaxBackward(outputGradient.shape(), output.shape());
        // y * (dy - sum(dy * y)) per row: softmax_bp would need the logits, which the tape does not keep.
        INDArray dz = allocate(y.shape()).assign(dy).muli(y);
        INDArray rowSums = dz.sum(true, 1);
        try {
            dz.assign(dy).subiColumnVector(rowSums).muli(y);
        } finally {
            rowSums.close();
        }
        return tensor(dz);
    }

    @Override
    public Tensor multiply(Tensor a, Tensor b) {
        INDArray x = array(a, "multiply");
        INDArray y = array(b, "multiply");
        GradientShapes.sameShape("multiply", "a", a.shape(), "b", b.shape());
        return tensor(x.mul(y, allocate(x.shape())));
    }

    @Override
    public LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets) {
        INDArray z = array(logits, "softmaxCrossEntropy");
        INDArray t = array(targets, "softmaxCrossEntropy");
        GradientShapes.crossEntropy("softmaxCrossEntropy", "logits", logits.shape(), targets.shape());
        long n = z.size(0);
        // log-softmax as z - max - log(sum(exp(z - max))) per row: finite for logits near +-1000, where libnd4j's
        // log_softmax (the log of its softmax) gives log(0) = -infinity, and 0 * -infinity a NaN loss.
        INDArray logSoftmax = allocate(z.shape()).assign(z);
        INDArray rowMax = z.max(true, 1);
        logSoftmax.subiColumnVector(rowMax);
        INDArray exps = Transforms.exp(logSoftmax, true);
        INDArray logSums = Transforms.log(exps.sum(true, 1), false);
        logSoftmax.subiColumnVector(logSums);
        double loss = -dotAndClose(t.mul(logSoftmax)) / n;
        for (INDArray temporary : new INDArray[] {rowMax, exps, logSums}) {
            temporary.close();
        }
        // d/dz = (softmax(z) * sum(t) - t) / n per row, for targets that are any non-negative rows
        INDArray targetSums = t.sum(true, 1);
        INDArray gradient = Transforms.exp(logSoftmax, false).muliColumnVector(targetSums).subi(t).divi(n);
        targetSums.close();
        return new LossAndGradient(tensor(Nd4j.scalar(DataType.FLOAT, loss)), tensor(gradient));
    }

    @Override
    public LossAndGradient categoricalCrossEntropy(Tensor probabilities, Tensor targets, float epsilon) {
        INDArray p = array(probabilities, "categoricalCrossEntropy");
        INDArray t = array(targets, "categoricalCrossEntropy");
        GradientShapes.crossEntropy("categoricalCrossEntropy", "probabilities", probabilities.shape(),
                targets.shape());
        long n = p.size(0);
        INDArray rowSums = p.sum(true, 1);
        INDArray q = p.divColumnVector(rowSums);
        INDArray clipped = Transforms.min(Transforms.max(q, epsilon, true), 1.0 - epsilon, false);
        INDArray logs = Transforms.log(clipped, true);
        double loss = -dotAndClose(t.mul(logs)) / n;
        // Keras' loss: q = p / sum(p), clipped; clipped cells pass no gradient, and the division by the row sum
        // sends (dq_k - sum_j dq_j q_j) / sum(p) to p_k.
        INDArray above = q.gte(epsilon);
        INDArray below = q.lte(1.0 - epsilon);
        INDArray passes = above.castTo(DataType.FLOAT);
        INDArray passesBelow = below.castTo(DataType.FLOAT);
        passes.muli(passesBelow);
        INDArray dq = t.div(clipped).negi().divi(n).muli(passes);
        INDArray products = dq.mul(q);
        INDArray dot = products.sum(true, 1);
        INDArray gradient = allocate(p.shape()).assign(dq).subiColumnVector(dot).diviColumnVector(rowSums);
        for (INDArray temporary : new INDArray[] {rowSums, q, clipped, logs, above, below, passes, passesBelow, dq,
            products, dot}) {
            temporary.close();
        }
        return new LossAndGradient(tensor(Nd4j.scalar(DataType.FLOAT, loss)), tensor(gradient));
    }

    @Override
    public void applySgd(Tensor parameter, Tensor gradient, Tensor velocity, SgdUpdate update) {
        INDArray w = array(parameter, "applySgd");
        INDArray g = array(gradient, "applySgd");
        INDArray v = update.momentum() == 0 ? null : array(velocity, "applySgd");
        if (v == null) {
            GradientShapes.optimizerUpdate("applySgd", parameter.shape(), gradient.shape());
        } else {
            GradientShapes.optimizerUpdate("applySgd", parameter.shape(), gradient.shape(), velocity.shape());
        }
        // Keras' form with in-place BLAS (axpy): libnd4j's nesterovs_updater keeps DL4J's velocity convention and
        // returns the step in a new array.
        decay(w, update.learningRate(), update.weightDecay());
        float lr = update.learningRate();
        long length = w.length();
        if (v == null) {
            Nd4j.getBlasWrapper().level1().axpy(length, -lr, g, w);
            return;
        }
        float momentum = update.momentum();
        v.muli(momentum);
        Nd4j.getBlasWrapper().level1().axpy(length, -lr, g, v);
        if (update.nesterov()) {
            Nd4j.getBlasWrapper().level1().axpy(length, momentum, v, w);
            Nd4j.getBlasWrapper().level1().axpy(length, -lr, g, w);
        } else {
            Nd4j.getBlasWrapper().level1().axpy(length, 1.0, v, w);
        }
    }

    @Override
    public void applyAdam(Tensor parameter, Tensor gradient, Tensor momentum, Tensor velocity, AdamUpdate update) {
        INDArray w = array(parameter, "applyAdam");
        INDArray g = array(gradient, "applyAdam");
        INDArray m = array(momentum, "applyAdam");
        INDArray v = array(velocity, "applyAdam");
        GradientShapes.optimizerUpdate("applyAdam", parameter.shape(), gradient.shape(), momentum.shape(),
                velocity.shape());
        decay(w, update.learningRate(), update.weightDecay());
        INDArray step = allocate(w.shape());
        try {
            // adam_updater is Keras' form: lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps), t = iteration + 1;
            // its states are updated in place (outputs = inputs) and the step comes back to be subtracted.
            Nd4j.exec(DynamicCustomOp.builder("adam_updater")
                    .addInputs(g, v, m)
                    .addOutputs(step, v, m)
                    .addFloatingPointArguments((double) update.learningRate(), (double) update.beta1(),
                            (double) update.beta2(), (double) update.epsilon())
                    .addIntegerArguments(Math.toIntExact(update.step() - 1))
                    .build());
            w.subi(step);
        } finally {
            release(step);
        }
    }

    /** The sum of a temporary's values, which is then freed. */
    private static double dotAndClose(INDArray temporary) {
        try {
            return temporary.sumNumber().doubleValue();
        } finally {
            temporary.close();
        }
    }

    /** Decoupled weight decay, {@code w -= lr * decay * w}, in place. */
    private static void decay(INDArray w, float learningRate, float weightDecay) {
        if (weightDecay != 0) {
            w.muli(1.0 - (double) learningRate * weightDecay);
        }
    }

    /** A pooling backward op over {@code x} (padded first when the padding is unequal) and {@code dy}. */
    private INDArray poolBackward(String opName, INDArray x, INDArray dy, PoolOptions options, Padding.Explicit p,
            float padValue) {
        boolean symmetric = symmetric(p);
        INDArray source = symmetric ? x : pad(x, p, padValue);
        INDArray dx = allocate(source.shape());
        try {
            Nd4j.exec(DynamicCustomOp.builder(opName).addInputs(source, dy).addOutputs(dx)
                    .addIntegerArguments(poolArguments(options, symmetric ? p.top() : 0, symmetric ? p.left() : 0))
                    .build());
        } finally {
            if (!symmetric) {
                release(source);
            }
        }
        return symmetric ? dx : cropAndRelease(dx, p);
    }

    /** The inner part of a padded gradient, copied into a new array. */
    private INDArray crop(INDArray padded, Padding.Explicit p) {
        long h = padded.size(1) - p.top() - p.bottom();
        long w = padded.size(2) - p.left() - p.right();
        INDArray out = allocate(padded.size(0), h, w, padded.size(3));
        out.assign(padded.get(NDArrayIndex.all(), NDArrayIndex.interval(p.top(), p.top() + h),
                NDArrayIndex.interval(p.left(), p.left() + w), NDArrayIndex.all()));
        return out;
    }

    /** {@link #crop}, then {@code padded} (a temporary) is released. */
    private INDArray cropAndRelease(INDArray padded, Padding.Explicit p) {
        try {
            return crop(padded, p);
        } finally {
            release(padded);
        }
    }

    private static long[] dims(Shape shape) {
        long[] dims = new long[shape.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.dim(i);
        }
        return dims;
    }
}
