package org.resnet4j.backend.nd4j;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The {@link Ops} primitives on ND4J's declarable (libnd4j) ops, all in NHWC so that no permute runs on the hot
 * path. Outputs are allocated here with shapes computed by {@link WindowGeometry}, so ND4J never has to infer
 * them. Padding that libnd4j cannot express (unequal amounts on two sides of an axis) is applied by copying into
 * a padded array first (zeros for convolution, negative infinity for max pooling) and then running VALID.
 */
final class Nd4jOps implements Ops {
    private static final int NHWC = 1;
    private static final int WEIGHTS_HWIO = 0;
    private static final int AVG_EXCLUDES_PADDING = 0;

    private final Nd4jArrayPool arrays;

    /** Ops that allocate every result afresh (the backend's eager ops). */
    Nd4jOps() {
        this(null);
    }

    /** Ops that take their results' memory from {@code pool} when it is not {@code null} (a compiled model's). */
    Nd4jOps(Nd4jArrayPool pool) {
        this.arrays = pool;
    }

    /**
     * A c-ordered float array with undefined contents, for a result or a temporary. Every array an op creates comes
     * from here, so that a compiled model's pool can take each one back.
     */
    private INDArray allocate(long... shape) {
        return arrays == null ? Nd4j.createUninitialized(DataType.FLOAT, shape, 'c') : arrays.take(shape);
    }

    /** Frees a temporary from {@link #allocate}, or hands it back to the pool. */
    private void release(INDArray temporary) {
        if (arrays == null) {
            temporary.close();
        } else {
            arrays.give(temporary);
        }
    }

    @Override
    public Tensor upload(HostTensor host) {
        long[] dims = Arrays.stream(host.shape().toArray()).asLongStream().toArray();
        if (arrays == null) {
            return new Nd4jTensor(Nd4j.create(host.data().clone(), dims, 'c'));
        }
        INDArray array = arrays.take(dims);
        array.data().setData(host.data());
        return new Nd4jTensor(array);
    }

    @Override
    public HostTensor download(Tensor tensor) {
        INDArray array = array(tensor, "download");
        boolean dense = array.ordering() == 'c' && !array.isView() && array.offset() == 0
                && array.data().length() == array.length();
        if (dense) {
            return HostTensor.of(tensor.shape(), array.data().asFloat());
        }
        INDArray copy = array.dup('c');
        try {
            return HostTensor.of(tensor.shape(), copy.data().asFloat());
        } finally {
            copy.close();
        }
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options) {
        INDArray x = rank4(input, "conv2d input");
        INDArray w = array(kernel, "conv2d kernel");
        if (w.rank() != 4 || w.size(2) != x.size(3)) {
            throw new IllegalArgumentException("conv2d expects a kernel of shape [kh, kw, " + x.size(3)
                    + ", out] (HWIO) for input " + input.shape() + ". Received: shape=" + kernel.shape());
        }
        int kh = (int) w.size(0);
        int kw = (int) w.size(1);
        long cout = w.size(3);
        INDArray b = bias == null ? null : array(bias, "conv2d bias");
        if (b != null) {
            if (b.rank() != 1 || b.size(0) != cout) {
                throw new IllegalArgumentException("conv2d expects a bias of shape [" + cout + "]. Received: shape="
                        + bias.shape());
            }
        }
        return new Nd4jTensor(windowed("conv2d", x, kh, kw, options.strideHeight(), options.strideWidth(),
                options.padding(), 0f, cout, (src, pH, pW, out) -> {
                    DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d");
                    op.addInputs(b == null ? new INDArray[] {src, w} : new INDArray[] {src, w, b});
                    op.addOutputs(out);
                    op.addIntegerArguments(kh, kw, options.strideHeight(), options.strideWidth(), pH, pW, 1, 1, 0,
                            NHWC, WEIGHTS_HWIO);
                    Nd4j.exec(op.build());
                }));
    }

    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        INDArray x = array(input, "batchNorm input");
        long c = x.size(x.rank() - 1);
        INDArray g = vector(gamma, c, "batchNorm gamma");
        INDArray be = vector(beta, c, "batchNorm beta");
        INDArray m = vector(mean, c, "batchNorm moving_mean");
        INDArray v = vector(variance, c, "batchNorm moving_variance");
        INDArray out = allocate(x.shape());
        // inputs: x, mean, variance, gamma, beta; iargs: apply gamma, apply beta, channel axis; targ: epsilon
        Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                .addInputs(x, m, v, g, be)
                .addOutputs(out)
                .addIntegerArguments(1, 1, x.rank() - 1)
                .addFloatingPointArguments((double) epsilon)
                .build());
        return new Nd4jTensor(out);
    }

    @Override
    public Tensor relu(Tensor input) {
        INDArray x = array(input, "relu input");
        INDArray out = allocate(x.shape());
        Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(out)
                .addFloatingPointArguments(0.0).build());
        return new Nd4jTensor(out);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        INDArray x = array(a, "add first input");
        INDArray y = array(b, "add second input");
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("add expects inputs of equal shape. Received: shapes=" + a.shape()
                    + " and " + b.shape());
        }
        return new Nd4jTensor(x.add(y, allocate(x.shape())));
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        INDArray x = rank4(input, "maxPool input");
        return new Nd4jTensor(pool("maxpool2d", x, options, Float.NEGATIVE_INFINITY));
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        INDArray x = rank4(input, "avgPool input");
        Padding.Explicit p = resolve(x, options.poolHeight(), options.poolWidth(), options.strideHeight(),
                options.strideWidth(), options.padding());
        if (symmetric(p)) {
            return new Nd4jTensor(pool("avgpool2d", x, options, 0f));
        }
        // Unequal padding: sum over zero padding divided by the number of real cells, both from VALID means.
        PoolOptions valid = new PoolOptions(options.poolHeight(), options.poolWidth(), options.strideHeight(),
                options.strideWidth(), Padding.VALID);
        INDArray ones = allocate(1, x.size(1), x.size(2), x.size(3)).assign(1f);
        INDArray padded = pad(x, p, 0f);
        INDArray paddedOnes = pad(ones, p, 0f);
        try {
            INDArray means = pool("avgpool2d", padded, valid, 0f);
            INDArray fractions = pool("avgpool2d", paddedOnes, valid, 0f);
            long n = means.size(0);
            long perSample = means.length() / n;
            means.reshape('c', n, perSample).diviRowVector(fractions.reshape('c', 1, perSample));
            release(fractions);
            return new Nd4jTensor(means);
        } finally {
            release(padded);
            release(ones);
            release(paddedOnes);
        }
    }

    private INDArray pool(String opName, INDArray x, PoolOptions o, float padValue) {
        int kh = o.poolHeight();
        int kw = o.poolWidth();
        return windowed(opName, x, kh, kw, o.strideHeight(), o.strideWidth(), o.padding(), padValue, x.size(3),
                (src, pH, pW, out) -> Nd4j.exec(DynamicCustomOp.builder(opName)
                        .addInputs(src)
                        .addOutputs(out)
                        .addIntegerArguments(kh, kw, o.strideHeight(), o.strideWidth(), pH, pW, 1, 1, 0,
                                AVG_EXCLUDES_PADDING, NHWC)
                        .build()));
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        INDArray x = rank4(input, "globalAvgPool input");
        return new Nd4jTensor(x.mean(allocate(x.size(0), x.size(3)), 1, 2));
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        return new Nd4jTensor(pad(rank4(input, "zeroPad input"), padding, 0f));
    }

    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        INDArray x = array(input, "reshape input");
        if (shape.sizeAsLong() != x.length()) {
            throw new IllegalArgumentException("reshape expects a shape of " + x.length() + " elements for input "
                    + input.shape() + ". Received: shape=" + shape);
        }
        long[] dims = Arrays.stream(shape.toArray()).asLongStream().toArray();
        // A copy, never a view: the caller closes input and result independently.
        INDArray out = allocate(dims);
        out.assign(x.reshape('c', dims));
        return new Nd4jTensor(out);
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        INDArray x = array(input, "dense input");
        INDArray w = array(kernel, "dense kernel");
        if (x.rank() != 2) {
            throw new IllegalArgumentException("dense expects input of rank 2 [n, in]. Received: shape="
                    + input.shape());
        }
        if (w.rank() != 2 || w.size(0) != x.size(1)) {
            throw new IllegalArgumentException("dense expects a kernel of shape [" + x.size(1)
                    + ", units] for input " + input.shape() + ". Received: shape=" + kernel.shape());
        }
        INDArray out = x.mmul(w, allocate(x.size(0), w.size(1)));
        if (bias != null) {
            out.addiRowVector(vector(bias, w.size(1), "dense bias"));
        }
        return new Nd4jTensor(out);
    }

    @Override
    public Tensor softmax(Tensor input) {
        INDArray x = array(input, "softmax input");
        if (x.rank() != 2) {
            throw new IllegalArgumentException("softmax expects input of rank 2 [n, classes]. Received: shape="
                    + input.shape());
        }
        INDArray out = allocate(x.shape());
        Nd4j.exec(DynamicCustomOp.builder("softmax").addInputs(x).addOutputs(out).addIntegerArguments(1).build());
        return new Nd4jTensor(out);
    }

    @Override
    public Tensor dropout(Tensor input, float rate) {
        INDArray x = array(input, "dropout input");
        return new Nd4jTensor(allocate(x.shape()).assign(x));
    }

    /** What a window op computes once the padding it is given is symmetric. */
    @FunctionalInterface
    private interface WindowKernel {
        void run(INDArray source, int padHeight, int padWidth, INDArray output);
    }

    /**
     * Runs a sliding-window op with any padding: symmetric amounts go to libnd4j as pH/pW, unequal ones are
     * materialised with {@code padValue} and the op runs VALID.
     */
    private INDArray windowed(String opName, INDArray x, int kh, int kw, int sh, int sw, Padding padding,
                              float padValue, long channelsOut, WindowKernel kernel) {
        Padding.Explicit p = resolve(x, kh, kw, sh, sw, padding);
        int oh = WindowGeometry.outputSize((int) x.size(1), kh, sh, p.top(), p.bottom());
        int ow = WindowGeometry.outputSize((int) x.size(2), kw, sw, p.left(), p.right());
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException(opName + " with window " + kh + "x" + kw + " and padding " + p
                    + " gives an empty output for input " + Arrays.toString(x.shape()));
        }
        INDArray out = allocate(x.size(0), oh, ow, channelsOut);
        if (symmetric(p)) {
            kernel.run(x, p.top(), p.left(), out);
            return out;
        }
        INDArray padded = pad(x, p, padValue);
        try {
            kernel.run(padded, 0, 0, out);
            return out;
        } finally {
            release(padded);
        }
    }

    private static Padding.Explicit resolve(INDArray x, int kh, int kw, int sh, int sw, Padding padding) {
        return padding.resolve((int) x.size(1), (int) x.size(2), kh, kw, sh, sw);
    }

    private static boolean symmetric(Padding.Explicit p) {
        return p.top() == p.bottom() && p.left() == p.right();
    }

    private INDArray pad(INDArray x, Padding.Explicit p, float value) {
        long h = x.size(1);
        long w = x.size(2);
        INDArray out = allocate(x.size(0), h + p.top() + p.bottom(), w + p.left() + p.right(), x.size(3)).assign(value);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(p.top(), p.top() + h),
                NDArrayIndex.interval(p.left(), p.left() + w), NDArrayIndex.all()).assign(x);
        return out;
    }

    private static INDArray array(Tensor tensor, String role) {
        if (tensor instanceof Nd4jTensor t) {
            return t.array();
        }
        throw new IllegalArgumentException("nd4j " + role + " expects a tensor made by the nd4j backend. Received: "
                + (tensor == null ? "null" : tensor.getClass().getSimpleName() + tensor.shape()));
    }

    private static INDArray rank4(Tensor tensor, String role) {
        INDArray a = array(tensor, role);
        if (a.rank() != 4) {
            throw new IllegalArgumentException(role + " expects rank 4 (NHWC). Received: shape=" + tensor.shape());
        }
        return a;
    }

    private static INDArray vector(Tensor tensor, long length, String role) {
        INDArray a = array(tensor, role);
        if (a.rank() != 1 || a.length() != length) {
            throw new IllegalArgumentException(role + " expects shape [" + length + "]. Received: shape="
                    + tensor.shape());
        }
        return a;
    }
}
