package org.resnet4j.backend.tf;

import java.util.Arrays;
import java.util.List;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PhaseSplitInputGradient;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.Shape;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.FusedBatchNormGrad;
import org.tensorflow.op.nn.SoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The backward primitives as TensorFlow raw ops over operands, eager or graph alike; {@link TfOps} checks the
 * arguments with the api's {@code GradientShapes} and wraps what these return. Every padding mode maps to
 * TensorFlow's own where its rule is the api's ({@code SAME}, {@code VALID}, {@code EXPLICIT} for convolutions) and
 * to pad + {@code VALID} + crop for explicit pooling padding, which TensorFlow's pooling ops lack.
 */
final class TfGradients {
    private final org.tensorflow.op.Ops tf;
    private final TfConvolutionKernel convolutions;

    TfGradients(org.tensorflow.op.Ops tf, TfConvolutionKernel convolutions) {
        this.tf = tf;
        this.convolutions = convolutions;
    }

    /**
     * The input gradient as forward convolutions of {@code dy} (the transposed convolution written out), never
     * {@code Conv2DBackpropInput}: with oneDNN on (TensorFlow 2.18's default on CPUs with AVX-512 VNNI or BF16,
     * AVX-VNNI or AMX) that returned wrong input gradients for some channel counts (40 and 80 input channels, against
     * 32, 64, 160 and 256 that were right), which {@code TfGradientWidthsTest} pins; before that its kernels had
     * also corrupted the native heap on window grids that do not cover their input ({@code TfGradientHeapTest}).
     * Three cases:
     * <ul>
     * <li>stride 1 with padding narrower than the kernel: one convolution with the kernel turned half a turn and
     * its channel axes swapped, {@code dy} padded by the kernel size less one less the forward padding; the rows no
     * window reached read only the padding and come out zero;
     * <li>a 1x1 kernel otherwise (at a stride, or padded): the product at the output's cells, then spread out by the
     * stride (the windows do not overlap);
     * <li>otherwise (strides, or padding as wide as the kernel): the api's {@link PhaseSplitInputGradient}, one
     * stride-1 convolution for all the stride's phases and a reshuffle of its channels into rows and columns.
     * </ul>
     */
    Operand<TFloat32> conv2dInput(Operand<TFloat32> dy, Operand<TFloat32> k, Shape input, Shape kernel,
            Conv2dOptions options, Padding.Explicit p) {
        boolean unitStrides = options.strideHeight() == 1 && options.strideWidth() == 1;
        if (unitStrides && Math.max(p.top(), p.bottom()) < kernel.dim(0)
                && Math.max(p.left(), p.right()) < kernel.dim(1)) {
            Operand<TFloat32> turned = tf.linalg.transpose(tf.reverse(k, tf.constant(new int[] {0, 1})),
                    tf.constant(new int[] {0, 1, 3, 2}));
            return convolveUnitStrides(dy, turned, kernel.dim(0) - 1 - p.top(), kernel.dim(0) - 1 - p.bottom(),
                    kernel.dim(1) - 1 - p.left(), kernel.dim(1) - 1 - p.right());
        }
        PhaseSplitInputGradient plan = PhaseSplitInputGradient.of(input.dim(1), input.dim(2), kernel.dim(0),
                kernel.dim(1), options, p);
        Operand<TFloat32> padded = kernel.dim(0) == 1 && kernel.dim(1) == 1
                ? spreadProducts(dy, k, plan, kernel.dim(2))
                : phaseConvolution(dy, k, plan, kernel);
        return plan.rows().exact() && plan.columns().exact() ? padded
                : tf.slice(padded, tf.constant(new int[] {0, plan.rows().cropStart(), plan.columns().cropStart(), 0}),
                        tf.constant(new int[] {-1, input.dim(1), input.dim(2), -1}));
    }

    /**
     * The gradient of the padded input of a 1x1 convolution: {@code dy k^T} at the output's cells, each followed by
     * {@code stride - 1} zeros along both axes (one padded copy).
     */
    private Operand<TFloat32> spreadProducts(Operand<TFloat32> dy, Operand<TFloat32> k,
            PhaseSplitInputGradient plan, int inChannels) {
        PhaseSplitInputGradient.Axis rows = plan.rows();
        PhaseSplitInputGradient.Axis columns = plan.columns();
        Operand<TFloat32> products = convolutions.convolve(tf, dy,
                tf.linalg.transpose(k, tf.constant(new int[] {0, 1, 3, 2})), strides(1, 1), "VALID", null);
        Operand<TFloat32> cells = tf.reshape(products,
                tf.constant(new int[] {-1, rows.outputSize(), 1, columns.outputSize(), 1, inChannels}));
        int[][] zeros = {{0, 0}, {0, rows.padAfter()}, {0, rows.stride() - 1},
            {0, columns.padAfter()}, {0, columns.stride() - 1}, {0, 0}};
        return tf.reshape(tf.pad(cells, tf.constant(zeros), tf.constant(0f)), tf.constant(new int[] {-1,
            rows.paddedGradientSize(), columns.paddedGradientSize(), inChannels}));
    }

    /**
     * The gradient of the padded input by {@link PhaseSplitInputGradient}: the phase kernel gathered from the
     * kernel's cells (a zero cell where a phase has fewer), one stride-1 convolution of the padded {@code dy}, and its
     * {@code [rh, rw, cin]} channel blocks moved to rows {@code q*sh + rh} and columns {@code q*sw + rw}.
     */
    private Operand<TFloat32> phaseConvolution(Operand<TFloat32> dy, Operand<TFloat32> k,
            PhaseSplitInputGradient plan, Shape kernel) {
        PhaseSplitInputGradient.Axis rows = plan.rows();
        PhaseSplitInputGradient.Axis columns = plan.columns();
        int kw = kernel.dim(1);
        int cin = kernel.dim(2);
        int cout = kernel.dim(3);
        int zeroCell = kernel.dim(0) * kw;
        int[] cells = new int[rows.subKernel() * columns.subKernel() * rows.stride() * columns.stride()];
        int next = 0;
        for (int i = 0; i < rows.subKernel(); i++) {
            for (int j = 0; j < columns.subKernel(); j++) {
                for (int rh = 0; rh < rows.stride(); rh++) {
                    for (int rw = 0; rw < columns.stride(); rw++) {
                        int row = rows.kernelCell(rh, i);
                        int column = columns.kernelCell(rw, j);
                        cells[next++] = row < 0 || column < 0 ? zeroCell : row * kw + column;
                    }
                }
            }
        }
        Operand<TFloat32> cellsWithZero = tf.concat(List.of(tf.reshape(k, tf.constant(new int[] {zeroCell, cin,
            cout})), tf.zeros(tf.constant(new int[] {1, cin, cout}), TFloat32.class)), tf.constant(0));
        Operand<TFloat32> gathered = tf.reshape(tf.gather(cellsWithZero, tf.constant(cells), tf.constant(0)),
                tf.constant(new int[] {rows.subKernel(), columns.subKernel(), rows.stride(), columns.stride(), cin,
                    cout}));
        Operand<TFloat32> phaseKernel = tf.reshape(tf.linalg.transpose(gathered,
                tf.constant(new int[] {0, 1, 5, 2, 3, 4})), tf.constant(new int[] {rows.subKernel(),
                    columns.subKernel(), cout, plan.phaseChannels(cin)}));
        Operand<TFloat32> phases = convolveUnitStrides(dy, phaseKernel, rows.padBefore(), rows.padAfter(),
                columns.padBefore(), columns.padAfter());
        Operand<TFloat32> blocks = tf.reshape(phases, tf.constant(new int[] {-1, rows.phaseSize(),
            columns.phaseSize(), rows.stride(), columns.stride(), cin}));
        return tf.reshape(tf.linalg.transpose(blocks, tf.constant(new int[] {0, 1, 3, 2, 4, 5})),
                tf.constant(new int[] {-1, rows.paddedGradientSize(), columns.paddedGradientSize(), cin}));
    }

    /** A stride-1 convolution with the given zero padding, {@code VALID} when there is none. */
    private Operand<TFloat32> convolveUnitStrides(Operand<TFloat32> x, Operand<TFloat32> k, int top, int bottom,
            int left, int right) {
        return top == 0 && bottom == 0 && left == 0 && right == 0
                ? convolutions.convolve(tf, x, k, strides(1, 1), "VALID", null)
                : convolutions.convolve(tf, x, k, strides(1, 1), "EXPLICIT", List.of(
                        0L, 0L, (long) top, (long) bottom, (long) left, (long) right, 0L, 0L));
    }

    /** {@code Conv2DBackpropFilter}, {@code VALID} on the padded input cut to the cells the windows cover. */
    Operand<TFloat32> conv2dKernel(Operand<TFloat32> dy, Operand<TFloat32> x, Shape input, Shape kernel,
            Conv2dOptions options, Padding.Explicit p, Shape out) {
        int coveredHeight = (out.dim(1) - 1) * options.strideHeight() + kernel.dim(0);
        int coveredWidth = (out.dim(2) - 1) * options.strideWidth() + kernel.dim(1);
        boolean exact = coveredHeight == input.dim(1) + p.top() + p.bottom()
                && coveredWidth == input.dim(2) + p.left() + p.right();
        if (exact && !p.isZero() && isTensorFlowSame(input, kernel, options, p, out)) {
            // the windows cover the padded input exactly and the padding is TensorFlow's SAME: the kernel pads by
            // itself, which saves a padded copy of the input and keeps oneDNN's kernel (fused with the bias
            // gradient; with EXPLICIT padding TensorFlow falls back to its slower Eigen kernel). The heap corruption
            // of TfGradientHeapTest was on grids that do not cover their input, which keep the path below.
            return tf.nn.conv2dBackpropFilter(x, tf.constant(kernel.toArray()), dy,
                    strides(options.strideHeight(), options.strideWidth()), "SAME");
        }
        Operand<TFloat32> padded = p.isZero() ? x : pad(x, p, 0f);
        Operand<TFloat32> covered = exact ? padded : tf.slice(padded, tf.constant(new int[] {0, 0, 0, 0}),
                tf.constant(new int[] {-1, coveredHeight, coveredWidth, -1}));
        return tf.nn.conv2dBackpropFilter(covered, tf.constant(kernel.toArray()), dy,
                strides(options.strideHeight(), options.strideWidth()), "VALID");
    }

    /** Whether {@code p} is the padding TensorFlow's {@code SAME} gives (the odd cell at the bottom and right). */
    private static boolean isTensorFlowSame(Shape input, Shape kernel, Conv2dOptions options, Padding.Explicit p,
            Shape out) {
        int totalHeight = Math.max((out.dim(1) - 1) * options.strideHeight() + kernel.dim(0) - input.dim(1), 0);
        int totalWidth = Math.max((out.dim(2) - 1) * options.strideWidth() + kernel.dim(1) - input.dim(2), 0);
        return out.dim(1) == (input.dim(1) + options.strideHeight() - 1) / options.strideHeight()
                && out.dim(2) == (input.dim(2) + options.strideWidth() - 1) / options.strideWidth()
                && p.top() == totalHeight / 2 && p.bottom() == totalHeight - totalHeight / 2
                && p.left() == totalWidth / 2 && p.right() == totalWidth - totalWidth / 2;
    }

    /** {@code BiasAddGrad} (rank 2 or more); a rank-1 gradient is its own sum over no other axis. */
    Operand<TFloat32> bias(Operand<TFloat32> dy, int rank) {
        return rank == 1 ? tf.identity(dy) : tf.nn.biasAddGrad(dy);
    }

    /** {@code dy k^T}. */
    Operand<TFloat32> denseInput(Operand<TFloat32> dy, Operand<TFloat32> k) {
        return tf.linalg.matMul(dy, k, org.tensorflow.op.linalg.MatMul.transposeB(true));
    }

    /** {@code x^T dy}. */
    Operand<TFloat32> denseKernel(Operand<TFloat32> dy, Operand<TFloat32> x) {
        return tf.linalg.matMul(x, dy, org.tensorflow.op.linalg.MatMul.transposeA(true));
    }

    /**
     * {@code FusedBatchNormV3} in training mode on the input seen as {@code [m, 1, 1, c]} images when it is not one;
     * returns {output, batch mean, biased batch variance}. The op's {@code batch_variance} output is the unbiased
     * variance (it multiplies by {@code m / (m - 1)}, verified in TfGradientGraphModeTest), so it is scaled back by
     * {@code (m - 1) / m}.
     */
    @SuppressWarnings("unchecked")
    Operand<TFloat32>[] batchNormTraining(Operand<TFloat32> x, Shape shape, boolean symbolicBatch,
            Operand<TFloat32> gamma, Operand<TFloat32> beta, Operand<TFloat32> movingMean,
            Operand<TFloat32> movingVariance, float epsilon) {
        int c = shape.dim(-1);
        Operand<TFloat32> images = asImages(x, shape);
        FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(images, gamma, beta, movingMean,
                movingVariance, FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(true));
        Operand<TFloat32> y = shape.rank() == 4 ? bn.y() : tf.reshape(bn.y(), tf.shape(x));
        Operand<TFloat32> biasing;
        if (symbolicBatch) {
            Operand<TFloat32> m = tf.math.div(tf.dtypes.cast(tf.size(x), TFloat32.class), tf.constant((float) c));
            biasing = tf.math.div(tf.math.sub(m, tf.constant(1f)), m);
        } else {
            double m = (double) shape.size() / c;
            biasing = tf.constant((float) (m > 1 ? (m - 1) / m : 1.0));
        }
        return new Operand[] {y, bn.batchMean(), tf.math.mul(bn.batchVariance(), biasing)};
    }

    /**
     * {@code FusedBatchNormGradV3} in training mode; on the CPU its reserve spaces are the batch mean and the biased
     * batch variance, which is what the api passes (cuDNN would expect the inverse standard deviation instead).
     */
    @SuppressWarnings("unchecked")
    Operand<TFloat32>[] batchNormBackward(Operand<TFloat32> dy, Operand<TFloat32> x, Shape shape,
            Operand<TFloat32> gamma, Operand<TFloat32> mean, Operand<TFloat32> variance, float epsilon) {
        FusedBatchNormGrad<TFloat32, TFloat32> g = tf.nn.fusedBatchNormGrad(asImages(dy, shape), asImages(x, shape),
                gamma, mean, variance, tf.constant(new float[0]), FusedBatchNormGrad.epsilon(epsilon),
                FusedBatchNormGrad.isTraining(true));
        Operand<TFloat32> dx = shape.rank() == 4 ? g.xBackprop() : tf.reshape(g.xBackprop(), tf.shape(x));
        return new Operand[] {dx, g.scaleBackprop(), g.offsetBackprop()};
    }

    /** {@code ReluGrad}: the output is positive exactly where the input was. */
    Operand<TFloat32> relu(Operand<TFloat32> dy, Operand<TFloat32> y) {
        return tf.nn.reluGrad(dy, y);
    }

    /**
     * {@code MaxPoolGradV2} on the forward output recomputed here; explicit padding pads with {@code -inf} (a padded
     * cell never wins), runs {@code VALID} and crops the gradient back to the input.
     */
    Operand<TFloat32> maxPool(Operand<TFloat32> dy, Operand<TFloat32> x, Shape input, PoolOptions o,
            Padding.Explicit p) {
        Operand<TInt32> ksize = tf.constant(new int[] {1, o.poolHeight(), o.poolWidth(), 1});
        Operand<TInt32> strides = tf.constant(new int[] {1, o.strideHeight(), o.strideWidth(), 1});
        String mode = o.padding() instanceof Padding.Same ? "SAME" : "VALID";
        boolean padded = !(o.padding() instanceof Padding.Same) && !p.isZero();
        Operand<TFloat32> source = padded ? pad(x, p, Float.NEGATIVE_INFINITY) : x;
        Operand<TFloat32> y = tf.nn.maxPool(source, ksize, strides, mode);
        Operand<TFloat32> dx = tf.nn.maxPoolGrad(source, y, dy, ksize, strides, mode);
        return padded ? crop(dx, p, input) : dx;
    }

    /**
     * {@code AvgPoolGrad}. {@code SAME} is TensorFlow's own (it divides by the real cells, as the api does);
     * explicit padding undoes the forward's rescaling ({@code countCorrection}: window area / real cells) on the
     * gradient, spreads it over the zero-padded input with {@code VALID} and crops.
     */
    Operand<TFloat32> avgPool(Operand<TFloat32> dy, boolean symbolicBatch, Shape input, PoolOptions o,
            Padding.Explicit p, float[] countCorrection, Shape out) {
        List<Long> ksize = List.of(1L, (long) o.poolHeight(), (long) o.poolWidth(), 1L);
        List<Long> strides = strides(o.strideHeight(), o.strideWidth());
        if (o.padding() instanceof Padding.Same) {
            return tf.nn.avgPoolGrad(shapeVector(input, dy, symbolicBatch), dy, ksize, strides, "SAME");
        }
        if (p.isZero()) {
            return tf.nn.avgPoolGrad(shapeVector(input, dy, symbolicBatch), dy, ksize, strides, "VALID");
        }
        Shape padded = Shape.of(input.dim(0), input.dim(1) + p.top() + p.bottom(),
                input.dim(2) + p.left() + p.right(), input.dim(3));
        Operand<TFloat32> scaled = tf.math.mul(dy, constant(Shape.of(1, out.dim(1), out.dim(2), 1),
                countCorrection));
        Operand<TFloat32> dx = tf.nn.avgPoolGrad(shapeVector(padded, dy, symbolicBatch), scaled, ksize, strides,
                "VALID");
        return crop(dx, p, input);
    }

    /** {@code dy / (h * w)} broadcast over the input's cells. */
    Operand<TFloat32> globalAvgPool(Operand<TFloat32> dy, Shape input) {
        int h = input.dim(1);
        int w = input.dim(2);
        int c = input.dim(3);
        Operand<TFloat32> share = tf.math.div(tf.reshape(dy, tf.constant(new int[] {-1, 1, 1, c})),
                tf.constant((float) (h * w)));
        float[] ones = new float[h * w * c];
        Arrays.fill(ones, 1f);
        return tf.math.mul(share, constant(Shape.of(1, h, w, c), ones));
    }

    /** {@code Slice}: the output gradient without the padded border. */
    Operand<TFloat32> zeroPad(Operand<TFloat32> dy, Padding.Explicit p, Shape input) {
        return crop(dy, p, input);
    }

    /** {@code y * (dy - sum(dy * y))} per row (TensorFlow's own softmax gradient, which has no raw op). */
    Operand<TFloat32> softmax(Operand<TFloat32> dy, Operand<TFloat32> y) {
        Operand<TFloat32> dot = tf.sum(tf.math.mul(dy, y), tf.constant(-1), Sum.keepDims(true));
        return tf.math.mul(y, tf.math.sub(dy, dot));
    }

    /** {@code Mul}. */
    Operand<TFloat32> multiply(Operand<TFloat32> a, Operand<TFloat32> b) {
        return tf.math.mul(a, b);
    }

    /**
     * {@code SoftmaxCrossEntropyWithLogits}: its per-row losses averaged, its backprop ({@code softmax - targets},
     * for targets that are distributions) divided by the batch size.
     */
    @SuppressWarnings("unchecked")
    Operand<TFloat32>[] softmaxCrossEntropy(Operand<TFloat32> logits, Operand<TFloat32> targets, int batch,
            boolean symbolicBatch) {
        SoftmaxCrossEntropyWithLogits<TFloat32> r = tf.nn.softmaxCrossEntropyWithLogits(logits, targets);
        Operand<TFloat32> loss = tf.math.mean(r.loss(), tf.constant(0), Mean.keepDims(false));
        return new Operand[] {loss, tf.math.div(r.backprop(), batchSize(logits, batch, symbolicBatch))};
    }

    /**
     * Keras' categorical cross-entropy on probabilities: {@code q = p / sum(p)}, {@code ClipByValue(q, eps, 1 - eps)},
     * {@code -mean(sum(t * log(q)))}; the gradient passes where {@code q} was not clipped (as TensorFlow's
     * {@code ClipByValue} gradient does, bounds included) and back through the division by the row sum.
     */
    @SuppressWarnings("unchecked")
    Operand<TFloat32>[] categoricalCrossEntropy(Operand<TFloat32> p, Operand<TFloat32> t, float epsilon, int batch,
            boolean symbolicBatch) {
        Operand<TFloat32> rowSum = tf.sum(p, tf.constant(-1), Sum.keepDims(true));
        Operand<TFloat32> q = tf.math.div(p, rowSum);
        Operand<TFloat32> low = tf.constant(epsilon);
        Operand<TFloat32> high = tf.constant(1f - epsilon);
        Operand<TFloat32> clipped = tf.clipByValue(q, low, high);
        Operand<TFloat32> perRow = tf.sum(tf.math.mul(t, tf.math.log(clipped)), tf.constant(-1));
        Operand<TFloat32> loss = tf.math.neg(tf.math.mean(perRow, tf.constant(0)));
        Operand<TBool> passes = tf.math.logicalAnd(tf.math.greaterEqual(q, low), tf.math.lessEqual(q, high));
        Operand<TFloat32> n = batchSize(p, batch, symbolicBatch);
        Operand<TFloat32> dq = tf.select(passes, tf.math.div(tf.math.div(tf.math.neg(t), clipped), n),
                tf.zerosLike(q));
        Operand<TFloat32> dot = tf.sum(tf.math.mul(dq, q), tf.constant(-1), Sum.keepDims(true));
        return new Operand[] {loss, tf.math.div(tf.math.sub(dq, dot), rowSum)};
    }

    private Operand<TFloat32> asImages(Operand<TFloat32> x, Shape shape) {
        return shape.rank() == 4 ? x : tf.reshape(x, tf.constant(new int[] {-1, 1, 1, shape.dim(-1)}));
    }

    /** The batch size as a float scalar: the nominal one, or read from the tensor when it is fed at run time. */
    private Operand<TFloat32> batchSize(Operand<TFloat32> x, int nominal, boolean symbolicBatch) {
        if (!symbolicBatch) {
            return tf.constant((float) nominal);
        }
        Operand<TInt32> first = tf.reshape(firstDimension(x), tf.constant(new int[0]));
        return tf.dtypes.cast(first, TFloat32.class);
    }

    private Operand<TInt32> firstDimension(Operand<TFloat32> x) {
        return tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    }

    /** {@code shape} as an int32 vector, its first dimension read from {@code batchSource} when symbolic. */
    private Operand<TInt32> shapeVector(Shape shape, Operand<TFloat32> batchSource, boolean symbolicBatch) {
        int[] dims = shape.toArray();
        if (!symbolicBatch) {
            return tf.constant(dims);
        }
        return tf.concat(List.of(firstDimension(batchSource), tf.constant(Arrays.copyOfRange(dims, 1, dims.length))),
                tf.constant(0));
    }

    private Operand<TFloat32> crop(Operand<TFloat32> dy, Padding.Explicit p, Shape input) {
        return tf.slice(dy, tf.constant(new int[] {0, p.top(), p.left(), 0}),
                tf.constant(new int[] {-1, input.dim(1), input.dim(2), -1}));
    }

    private Operand<TFloat32> pad(Operand<TFloat32> x, Padding.Explicit p, float value) {
        int[][] amounts = {{0, 0}, {p.top(), p.bottom()}, {p.left(), p.right()}, {0, 0}};
        return tf.pad(x, tf.constant(amounts), tf.constant(value));
    }

    private Operand<TFloat32> constant(Shape shape, float[] data) {
        long[] dims = Arrays.stream(shape.toArray()).asLongStream().toArray();
        return tf.constant(org.tensorflow.ndarray.Shape.of(dims),
                org.tensorflow.ndarray.buffer.DataBuffers.of(data, true, false));
    }

    private static List<Long> strides(int height, int width) {
        return List.of(1L, (long) height, (long) width, 1L);
    }
}
