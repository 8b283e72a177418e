package org.resnet4j.backend.nd4j;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.ElementwiseShapes;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.LayoutShapes;
import org.resnet4j.ops.MatrixShapes;
import org.resnet4j.ops.NormalizationShapes;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.PoolingShapes;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The {@link Ops} primitives on ND4J's declarable (libnd4j) ops, all in NHWC so that no permute runs on the hot
 * path. Arguments are checked, and outputs allocated with the shapes computed, by the api's shape rules
 * ({@link ConvolutionShapes}, ...), so ND4J never has to infer them and every error reads as on the other
 * backends. Padding that libnd4j cannot express (unequal amounts on two sides of an axis) is applied by copying
 * into a padded array first (zeros for convolution, negative infinity for max pooling) and then running VALID.
 * The backward primitives ({@link GradientOps}), which make the backend trainable, are inherited from
 * {@link Nd4jGradients}, so that {@link GradientOps#require} finds them on these ops without a forwarding layer.
 */
final class Nd4jOps extends Nd4jGradients implements Ops {
    /** Ops that allocate every result afresh (the backend's eager ops). */
    Nd4jOps() {
        this(null);
    }

    /**
     * Ops that take their results' memory from {@code pool} when it is not {@code null} (a compiled model's, whose
     * executor hands every value back itself).
     */
    Nd4jOps(Nd4jArrayPool pool) {
        super(pool, false);
    }

    private Nd4jOps(Nd4jArrayPool pool, boolean recycling) {
        super(pool, recycling);
    }

    /**
     * Ops for training: every result comes from {@code pool} and goes back to it when its tensor is closed, so the
     * second and later steps of the same shapes allocate (almost) no memory.
     */
    static Nd4jOps recycling(Nd4jArrayPool pool) {
        return new Nd4jOps(pool, true);
    }

    @Override
    public Tensor upload(HostTensor host) {
        long[] dims = Arrays.stream(host.shape().toArray()).asLongStream().toArray();
        if (arrays() == null) {
            return tensor(Nd4j.create(host.data().clone(), dims, 'c'));
        }
        INDArray array = arrays().take(dims);
        array.data().setData(host.data());
        return tensor(array);
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
        INDArray x = array(input, "conv2d");
        INDArray w = array(kernel, "conv2d");
        INDArray b = bias == null ? null : array(bias, "conv2d");
        Shape out = ConvolutionShapes.conv2d(input.shape(), kernel.shape(), bias == null ? null : bias.shape(),
                options);
        Padding.Explicit padding = ConvolutionShapes.padding(input.shape(), kernel.shape(), options);
        INDArray result = allocate(out.dim(0), out.dim(1), out.dim(2), out.dim(3));
        convolve(x, w, b, options, padding, result);
        return tensor(result);
    }

    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        INDArray x = array(input, "batchNorm");
        INDArray g = array(gamma, "batchNorm");
        INDArray be = array(beta, "batchNorm");
        INDArray m = array(mean, "batchNorm");
        INDArray v = array(variance, "batchNorm");
        NormalizationShapes.batchNorm(input.shape(), gamma.shape(), beta.shape(), mean.shape(), variance.shape(),
                epsilon);
        return tensor(batchNorm(x, m, v, g, be, epsilon));
    }

    @Override
    public Tensor relu(Tensor input) {
        INDArray x = array(input, "relu");
        ElementwiseShapes.relu(input.shape());
        INDArray out = allocate(x.shape());
        Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addOutputs(out)
                .addFloatingPointArguments(0.0).build());
        return tensor(out);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        INDArray x = array(a, "add");
        INDArray y = array(b, "add");
        ElementwiseShapes.add(a.shape(), b.shape());
        return tensor(x.add(y, allocate(x.shape())));
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        INDArray x = array(input, "maxPool");
        Shape out = PoolingShapes.maxPool(input.shape(), options);
        return tensor(pool("maxpool2d", x, options, PoolingShapes.padding(input.shape(), options), out,
                Float.NEGATIVE_INFINITY));
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        INDArray x = array(input, "avgPool");
        Shape out = PoolingShapes.avgPool(input.shape(), options);
        Padding.Explicit p = PoolingShapes.padding(input.shape(), options);
        if (symmetric(p)) {
            return tensor(pool("avgpool2d", x, options, p, out, 0f));
        }
        // Unequal padding: sum over zero padding divided by the number of real cells, both from VALID means.
        PoolOptions valid = new PoolOptions(options.poolHeight(), options.poolWidth(), options.strideHeight(),
                options.strideWidth(), Padding.VALID);
        INDArray padded = pad(x, p, 0f);
        try {
            // a VALID pool over the padded input has the rule's output shape
            INDArray means = pool("avgpool2d", padded, valid, Padding.explicit(0, 0, 0, 0), out, 0f);
            INDArray fractions = realCellFractions(x.size(1), x.size(2), x.size(3), p, options, out.dim(1), out.dim(2));
            divideEachSample(means, fractions);
            release(fractions);
            return tensor(means);
        } finally {
            release(padded);
        }
    }

    private INDArray pool(String opName, INDArray x, PoolOptions o, Padding.Explicit padding, Shape out,
                          float padValue) {
        INDArray result = allocate(out.dim(0), out.dim(1), out.dim(2), out.dim(3));
        windowed(x, padding, padValue, (src, pH, pW, target) -> Nd4j.exec(
                DynamicCustomOp.builder(opName).addInputs(src).addOutputs(target)
                        .addIntegerArguments(poolArguments(o, pH, pW)).build()), result);
        return result;
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        INDArray x = array(input, "globalAvgPool");
        Shape out = PoolingShapes.globalAvgPool(input.shape());
        return tensor(x.mean(allocate(out.dim(0), out.dim(1)), 1, 2));
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        INDArray x = array(input, "zeroPad");
        LayoutShapes.zeroPad(input.shape(), padding);
        return tensor(pad(x, padding, 0f));
    }

    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        INDArray x = array(input, "reshape");
        LayoutShapes.reshape(input.shape(), shape);
        long[] dims = Arrays.stream(shape.toArray()).asLongStream().toArray();
        // A copy, never a view: the caller closes input and result independently.
        INDArray out = allocate(dims);
        out.assign(x.reshape('c', dims));
        return tensor(out);
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        INDArray x = array(input, "dense");
        INDArray w = array(kernel, "dense");
        INDArray b = bias == null ? null : array(bias, "dense");
        Shape shape = MatrixShapes.dense(input.shape(), kernel.shape(), bias == null ? null : bias.shape());
        // libnd4j's matmul (oneDNN, OpenMP's threads), not INDArray.mmul (OpenBLAS on one thread): ResNet-50's
        // 2048x1000 layer in 0.17-0.19 ms against 0.8-1.0 at batch 1 and 8 (docs/backend-nd4j.md)
        INDArray out = allocate(shape.dim(0), shape.dim(1));
        matmul(x, false, w, false, out);
        if (b != null) {
            out.addiRowVector(b);
        }
        return tensor(out);
    }

    @Override
    public Tensor softmax(Tensor input) {
        INDArray x = array(input, "softmax");
        MatrixShapes.softmax(input.shape());
        INDArray out = allocate(x.shape());
        Nd4j.exec(DynamicCustomOp.builder("softmax").addInputs(x).addOutputs(out).addIntegerArguments(1).build());
        return tensor(out);
    }

    @Override
    public Tensor dropout(Tensor input, float rate) {
        INDArray x = array(input, "dropout");
        ElementwiseShapes.dropout(input.shape(), rate);
        return tensor(allocate(x.shape()).assign(x));
    }
}
