package org.resnet4j.backend.tf;

import java.util.Arrays;
import java.util.List;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * ResNet4J's primitives written once against TensorFlow Java's op builder. Over an {@code EagerSession} every
 * call computes at once; over a {@code Graph} every call adds nodes, which {@link TfCompiledModel} runs later.
 * Shapes are computed here in Java with the api's {@link WindowGeometry}, so a symbolic batch costs nothing.
 * Calls are serialised on this object: TensorFlow Java's op builders are not documented as thread-safe.
 */
final class TfOps implements Ops {
    private final org.tensorflow.op.Ops tf;
    private final boolean eager;

    TfOps(org.tensorflow.op.Ops tf, boolean eager) {
        this.tf = tf;
        this.eager = eager;
    }

    /** True when every op computes immediately, false when it adds to a graph. */
    public boolean isEager() {
        return eager;
    }

    @Override
    public synchronized Tensor upload(HostTensor host) {
        return wrap(constant(host.shape(), host.data()), host.shape(), false);
    }

    @Override
    public synchronized HostTensor download(Tensor tensor) {
        TfTensor t = own(tensor, "download");
        if (!eager) {
            throw new IllegalStateException("download needs an evaluated tensor; " + t
                    + " is a node of a graph being traced (run it through TfCompiledModel.predict)");
        }
        float[] data = new float[t.shape().size()];
        // The eager result's tensor is owned by its operation: read it, do not close it.
        TFloat32 value = t.operand().asTensor();
        value.copyTo(DataBuffers.of(data, false, false));
        return HostTensor.of(t.shape(), data);
    }

    @Override
    public synchronized Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options) {
        TfTensor x = own(input, "conv2d");
        TfTensor k = own(kernel, "conv2d");
        requireRank("conv2d", "input of rank 4 (NHWC)", x, 4);
        requireRank("conv2d", "a kernel of rank 4 (HWIO)", k, 4);
        Shape xs = x.shape();
        Shape ks = k.shape();
        if (ks.dim(2) != xs.dim(3)) {
            throw new IllegalArgumentException("conv2d expects a kernel with " + xs.dim(3)
                    + " input channels for input " + xs + ". Received: kernel shape=" + ks);
        }
        int kh = ks.dim(0);
        int kw = ks.dim(1);
        int cout = ks.dim(3);
        Padding.Explicit p = options.padding().resolve(xs.dim(1), xs.dim(2), kh, kw, options.strideHeight(),
                options.strideWidth());
        Shape out = Shape.of(xs.dim(0),
                outputSize("conv2d", xs.dim(1), kh, options.strideHeight(), p.top(), p.bottom(), xs),
                outputSize("conv2d", xs.dim(2), kw, options.strideWidth(), p.left(), p.right(), xs), cout);
        List<Long> strides = List.of(1L, (long) options.strideHeight(), (long) options.strideWidth(), 1L);
        Operand<TFloat32> y;
        if (options.padding() instanceof Padding.Same) {
            y = tf.nn.conv2d(x.operand(), k.operand(), strides, "SAME");
        } else if (p.isZero()) {
            y = tf.nn.conv2d(x.operand(), k.operand(), strides, "VALID");
        } else {
            y = tf.nn.conv2d(x.operand(), k.operand(), strides, "EXPLICIT", Conv2d.explicitPaddings(List.of(0L, 0L,
                    (long) p.top(), (long) p.bottom(), (long) p.left(), (long) p.right(), 0L, 0L)));
        }
        if (bias != null) {
            TfTensor b = own(bias, "conv2d");
            requireVector("conv2d", "bias", b, cout);
            y = tf.nn.biasAdd(y, b.operand());
        }
        return wrap(y, out, x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance,
            float epsilon) {
        TfTensor x = own(input, "batchNorm");
        int c = x.shape().dim(-1);
        TfTensor g = own(gamma, "batchNorm");
        TfTensor b = own(beta, "batchNorm");
        TfTensor m = own(mean, "batchNorm");
        TfTensor v = own(variance, "batchNorm");
        requireVector("batchNorm", "gamma", g, c);
        requireVector("batchNorm", "beta", b, c);
        requireVector("batchNorm", "mean", m, c);
        requireVector("batchNorm", "variance", v, c);
        Operand<TFloat32> y;
        if (x.shape().rank() == 4) {
            y = tf.nn.fusedBatchNorm(x.operand(), g.operand(), b.operand(), m.operand(), v.operand(),
                    FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(false)).y();
        } else {
            // FusedBatchNormV3 takes images only; other ranks use the formula, broadcasting over the last axis.
            Operand<TFloat32> scale = tf.math.mul(g.operand(),
                    tf.math.rsqrt(tf.math.add(v.operand(), tf.constant(epsilon))));
            y = tf.math.add(tf.math.mul(tf.math.sub(x.operand(), m.operand()), scale), b.operand());
        }
        return wrap(y, x.shape(), x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor relu(Tensor input) {
        TfTensor x = own(input, "relu");
        return wrap(tf.nn.relu(x.operand()), x.shape(), x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor add(Tensor a, Tensor b) {
        TfTensor x = own(a, "add");
        TfTensor y = own(b, "add");
        if (!x.shape().equals(y.shape())) {
            throw new IllegalArgumentException("add expects two tensors of the same shape. Received: shapes="
                    + x.shape() + " and " + y.shape());
        }
        return wrap(tf.math.add(x.operand(), y.operand()), x.shape(), x.hasSymbolicBatch() || y.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor maxPool(Tensor input, PoolOptions options) {
        TfTensor x = own(input, "maxPool");
        requireRank("maxPool", "input of rank 4 (NHWC)", x, 4);
        Window w = window("maxPool", x.shape(), options);
        Operand<TFloat32> source = x.operand();
        String mode = "VALID";
        if (options.padding() instanceof Padding.Same) {
            mode = "SAME"; // TensorFlow's SAME max pool never lets a padded cell win
        } else if (!w.padding.isZero()) {
            source = pad(source, w.padding, Float.NEGATIVE_INFINITY);
        }
        Operand<TFloat32> y = tf.nn.maxPool(source,
                tf.constant(new int[] {1, options.poolHeight(), options.poolWidth(), 1}),
                tf.constant(new int[] {1, options.strideHeight(), options.strideWidth(), 1}), mode);
        return wrap(y, w.output, x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor avgPool(Tensor input, PoolOptions options) {
        TfTensor x = own(input, "avgPool");
        requireRank("avgPool", "input of rank 4 (NHWC)", x, 4);
        Window w = window("avgPool", x.shape(), options);
        List<Long> ksize = List.of(1L, (long) options.poolHeight(), (long) options.poolWidth(), 1L);
        List<Long> strides = List.of(1L, (long) options.strideHeight(), (long) options.strideWidth(), 1L);
        Operand<TFloat32> y;
        if (options.padding() instanceof Padding.Same) {
            // TensorFlow's SAME average pool already divides by the number of cells inside the input.
            y = tf.nn.avgPool(x.operand(), ksize, strides, "SAME");
        } else if (w.padding.isZero()) {
            y = tf.nn.avgPool(x.operand(), ksize, strides, "VALID");
        } else {
            // Explicit padding: average over the zero-padded input, then rescale each cell from the full window
            // to the count of real cells it covers.
            Operand<TFloat32> padded = pad(x.operand(), w.padding, 0f);
            Operand<TFloat32> mean = tf.nn.avgPool(padded, ksize, strides, "VALID");
            y = tf.math.mul(mean, constant(Shape.of(1, w.output.dim(1), w.output.dim(2), 1),
                    countCorrection(x.shape(), options, w)));
        }
        return wrap(y, w.output, x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor globalAvgPool(Tensor input) {
        TfTensor x = own(input, "globalAvgPool");
        requireRank("globalAvgPool", "input of rank 4 (NHWC)", x, 4);
        Operand<TFloat32> y = tf.math.mean(x.operand(), tf.constant(new int[] {1, 2}), Mean.keepDims(false));
        return wrap(y, Shape.of(x.shape().dim(0), x.shape().dim(3)), x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        TfTensor x = own(input, "zeroPad");
        requireRank("zeroPad", "input of rank 4 (NHWC)", x, 4);
        Shape s = x.shape();
        Shape out = Shape.of(s.dim(0), s.dim(1) + padding.top() + padding.bottom(),
                s.dim(2) + padding.left() + padding.right(), s.dim(3));
        return wrap(pad(x.operand(), padding, 0f), out, x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor reshape(Tensor input, Shape shape) {
        TfTensor x = own(input, "reshape");
        if (x.shape().sizeAsLong() != shape.sizeAsLong()) {
            throw new IllegalArgumentException("reshape expects a shape of " + x.shape().sizeAsLong()
                    + " elements for input " + x.shape() + ". Received: shape=" + shape);
        }
        long[] dims = Arrays.stream(shape.toArray()).asLongStream().toArray();
        boolean symbolic = x.hasSymbolicBatch() && shape.rank() > 0 && shape.dim(0) == x.shape().dim(0);
        if (symbolic) {
            dims[0] = -1; // the batch stays whatever is fed when the graph runs
        }
        return wrap(tf.reshape(x.operand(), tf.constant(dims)), shape, symbolic);
    }

    @Override
    public synchronized Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        TfTensor x = own(input, "dense");
        TfTensor k = own(kernel, "dense");
        requireRank("dense", "input of rank 2 [batch, features]", x, 2);
        requireRank("dense", "a kernel of rank 2 [in, out]", k, 2);
        if (k.shape().dim(0) != x.shape().dim(1)) {
            throw new IllegalArgumentException("dense expects a kernel with " + x.shape().dim(1)
                    + " rows for input " + x.shape() + ". Received: kernel shape=" + k.shape());
        }
        Operand<TFloat32> y = tf.linalg.matMul(x.operand(), k.operand());
        if (bias != null) {
            TfTensor b = own(bias, "dense");
            requireVector("dense", "bias", b, k.shape().dim(1));
            y = tf.nn.biasAdd(y, b.operand());
        }
        return wrap(y, Shape.of(x.shape().dim(0), k.shape().dim(1)), x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor softmax(Tensor input) {
        TfTensor x = own(input, "softmax");
        requireRank("softmax", "input of rank 2 [batch, classes]", x, 2);
        return wrap(tf.nn.softmax(x.operand()), x.shape(), x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor dropout(Tensor input, float rate) {
        TfTensor x = own(input, "dropout");
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout expects a rate in [0, 1). Received: " + rate);
        }
        return wrap(tf.identity(x.operand()), x.shape(), x.hasSymbolicBatch());
    }

    /** A graph placeholder for a batch of samples of {@code sampleShape}; the batch is fed at run time. */
    synchronized TfTensor placeholder(String name, Shape sampleShape) {
        long[] dims = new long[sampleShape.rank() + 1];
        dims[0] = -1;
        for (int i = 0; i < sampleShape.rank(); i++) {
            dims[i + 1] = sampleShape.dim(i);
        }
        Operand<TFloat32> ph = tf.withName(name).placeholder(TFloat32.class,
                org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(dims)));
        return new TfTensor(this, ph, sampleShape.withBatch(1), true);
    }

    private Operand<TFloat32> constant(Shape shape, float[] data) {
        long[] dims = Arrays.stream(shape.toArray()).asLongStream().toArray();
        try (TFloat32 value = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(dims),
                DataBuffers.of(data, true, false))) {
            return tf.constantOf(value);
        }
    }

    private Operand<TFloat32> pad(Operand<TFloat32> x, Padding.Explicit p, float value) {
        int[][] amounts = {{0, 0}, {p.top(), p.bottom()}, {p.left(), p.right()}, {0, 0}};
        return tf.pad(x, tf.constant(amounts), tf.constant(value));
    }

    private TfTensor wrap(Operand<TFloat32> operand, Shape shape, boolean symbolicBatch) {
        return new TfTensor(this, operand, shape, symbolicBatch);
    }

    private TfTensor own(Tensor t, String op) {
        if (t == null) {
            throw new IllegalArgumentException(op + " expects a tensor. Received: null");
        }
        if (!(t instanceof TfTensor tt) || tt.owner() != this) {
            throw new IllegalArgumentException(op + " expects a tensor made by this TensorFlow backend"
                    + (eager ? "" : " graph") + ". Received: " + t.getClass().getSimpleName() + t.shape());
        }
        return tt;
    }

    private static void requireRank(String op, String expectation, TfTensor t, int rank) {
        if (t.shape().rank() != rank) {
            throw new IllegalArgumentException(op + " expects " + expectation + ". Received: shape=" + t.shape());
        }
    }

    private static void requireVector(String op, String what, TfTensor t, int length) {
        if (t.shape().rank() != 1 || t.shape().dim(0) != length) {
            throw new IllegalArgumentException(op + " expects " + what + " of shape [" + length + "]. Received: shape="
                    + t.shape());
        }
    }

    private static int outputSize(String op, int in, int k, int s, int before, int after, Shape input) {
        int size = WindowGeometry.outputSize(in, k, s, before, after);
        if (size < 1) {
            throw new IllegalArgumentException(op + " expects an input at least as large as its window " + k
                    + " after padding (" + before + ", " + after + "). Received: shape=" + input);
        }
        return size;
    }

    /** The resolved padding and output shape of a pooling window. */
    private record Window(Padding.Explicit padding, Shape output) {
    }

    private static Window window(String op, Shape in, PoolOptions o) {
        Padding.Explicit p = o.padding().resolve(in.dim(1), in.dim(2), o.poolHeight(), o.poolWidth(),
                o.strideHeight(), o.strideWidth());
        Shape out = Shape.of(in.dim(0),
                outputSize(op, in.dim(1), o.poolHeight(), o.strideHeight(), p.top(), p.bottom(), in),
                outputSize(op, in.dim(2), o.poolWidth(), o.strideWidth(), p.left(), p.right(), in), in.dim(3));
        return new Window(p, out);
    }

    /** For each output cell: window area divided by the number of window cells inside the input. */
    private static float[] countCorrection(Shape in, PoolOptions o, Window w) {
        int oh = w.output.dim(1);
        int ow = w.output.dim(2);
        float[] factors = new float[oh * ow];
        float area = (float) o.poolHeight() * o.poolWidth();
        for (int i = 0; i < oh; i++) {
            int rows = cellsInside(i * o.strideHeight() - w.padding.top(), o.poolHeight(), in.dim(1));
            for (int j = 0; j < ow; j++) {
                int cols = cellsInside(j * o.strideWidth() - w.padding.left(), o.poolWidth(), in.dim(2));
                int count = rows * cols;
                factors[i * ow + j] = count == 0 ? 0f : area / count;
            }
        }
        return factors;
    }

    private static int cellsInside(int start, int length, int size) {
        return Math.max(0, Math.min(start + length, size) - Math.max(start, 0));
    }
}
