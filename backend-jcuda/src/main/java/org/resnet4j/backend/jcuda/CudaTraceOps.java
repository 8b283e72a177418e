package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.ops.ArgumentErrors;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.ElementwiseShapes;
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
 * An {@link Ops} that computes nothing: it records the kernels a model would launch, with shapes checked by the
 * api's shape rules ({@link ConvolutionShapes}, ...), as the eager ops check them. {@code compile} runs the model once on it to get the launch plan. Pure Java.
 */
final class CudaTraceOps implements Ops {
    private final List<CudaTraceStep> steps = new ArrayList<>();
    private final List<CudaTraceValue> values = new ArrayList<>();

    List<CudaTraceStep> steps() {
        return steps;
    }

    /** A model input of the given batched shape. */
    CudaTraceTensor input(Shape shape) {
        return new CudaTraceTensor(newValue(CudaTraceValue.Kind.INPUT, shape, null, null), shape);
    }

    /** A weight: host data that is uploaded once and shared by every plan under {@code key}. */
    CudaTraceTensor constant(String key, HostTensor data) {
        return new CudaTraceTensor(newValue(CudaTraceValue.Kind.CONSTANT, data.shape(), data, key), data.shape());
    }

    private CudaTraceValue newValue(CudaTraceValue.Kind kind, Shape shape, HostTensor data, String key) {
        CudaTraceValue v = new CudaTraceValue(values.size(), kind, shape, data, key);
        values.add(v);
        return v;
    }

    @Override
    public Tensor upload(HostTensor host) {
        return constant("upload#" + values.size(), host.copy());
    }

    @Override
    public HostTensor download(Tensor tensor) {
        throw new UnsupportedOperationException("A traced model cannot be downloaded while it is traced");
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options) {
        CudaTraceTensor x = traced("conv2d", input);
        CudaTraceTensor k = traced("conv2d", kernel);
        CudaTraceTensor b = bias == null ? null : traced("conv2d", bias);
        Shape out = ConvolutionShapes.conv2d(x.shape(), k.shape(), b == null ? null : b.shape(), options);
        CudaTraceStep s = step(CudaTraceStep.Op.CONV2D, x);
        s.constants.add(k.value);
        s.constants.add(b == null ? null : b.value);
        s.convOptions = options;
        return finish(s, out);
    }

    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        CudaTraceTensor x = traced("batchNorm", input);
        CudaTraceTensor[] vectors = {traced("batchNorm", gamma), traced("batchNorm", beta),
            traced("batchNorm", mean), traced("batchNorm", variance)};
        Shape out = NormalizationShapes.batchNorm(x.shape(), vectors[0].shape(), vectors[1].shape(),
                vectors[2].shape(), vectors[3].shape(), epsilon);
        CudaTraceStep s = step(CudaTraceStep.Op.BATCH_NORM, x);
        for (CudaTraceTensor v : vectors) {
            s.constants.add(v.value);
        }
        s.epsilon = epsilon;
        return finish(s, out);
    }

    @Override
    public Tensor relu(Tensor input) {
        CudaTraceTensor x = traced("relu", input);
        return finish(step(CudaTraceStep.Op.RELU, x), ElementwiseShapes.relu(x.shape()));
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        CudaTraceTensor x = traced("add", a);
        CudaTraceTensor y = traced("add", b);
        Shape out = ElementwiseShapes.add(x.shape(), y.shape());
        CudaTraceStep s = step(CudaTraceStep.Op.ADD, x);
        s.inputs.add(y.value);
        s.inputShapes.add(y.shape());
        return finish(s, out);
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        CudaTraceTensor x = traced("maxPool", input);
        Shape out = PoolingShapes.maxPool(x.shape(), options);
        CudaTraceStep s = step(CudaTraceStep.Op.MAX_POOL, x);
        s.poolOptions = options;
        return finish(s, out);
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        CudaTraceTensor x = traced("avgPool", input);
        Shape out = PoolingShapes.avgPool(x.shape(), options);
        CudaTraceStep s = step(CudaTraceStep.Op.AVG_POOL, x);
        s.poolOptions = options;
        return finish(s, out);
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        CudaTraceTensor x = traced("globalAvgPool", input);
        Shape out = PoolingShapes.globalAvgPool(x.shape());
        return finish(step(CudaTraceStep.Op.GLOBAL_AVG_POOL, x), out);
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        CudaTraceTensor x = traced("zeroPad", input);
        Shape out = LayoutShapes.zeroPad(x.shape(), padding);
        CudaTraceStep s = step(CudaTraceStep.Op.ZERO_PAD, x);
        s.padding = padding;
        return finish(s, out);
    }

    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        CudaTraceTensor x = traced("reshape", input);
        return new CudaTraceTensor(x.value, LayoutShapes.reshape(x.shape(), shape));
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        CudaTraceTensor x = traced("dense", input);
        CudaTraceTensor k = traced("dense", kernel);
        CudaTraceTensor b = bias == null ? null : traced("dense", bias);
        Shape out = MatrixShapes.dense(x.shape(), k.shape(), b == null ? null : b.shape());
        CudaTraceStep s = step(CudaTraceStep.Op.DENSE, x);
        s.constants.add(k.value);
        s.constants.add(b == null ? null : b.value);
        return finish(s, out);
    }

    @Override
    public Tensor softmax(Tensor input) {
        CudaTraceTensor x = traced("softmax", input);
        return finish(step(CudaTraceStep.Op.SOFTMAX, x), MatrixShapes.softmax(x.shape()));
    }

    @Override
    public Tensor dropout(Tensor input, float rate) {
        CudaTraceTensor x = traced("dropout", input);
        return new CudaTraceTensor(x.value, ElementwiseShapes.dropout(x.shape(), rate));
    }

    private CudaTraceStep step(CudaTraceStep.Op op, CudaTraceTensor input) {
        CudaTraceStep s = new CudaTraceStep(op);
        s.inputs.add(input.value);
        s.inputShapes.add(input.shape());
        return s;
    }

    private Tensor finish(CudaTraceStep s, Shape out) {
        s.output = newValue(CudaTraceValue.Kind.ACTIVATION, out, null, null);
        s.outputShape = out;
        steps.add(s);
        return new CudaTraceTensor(s.output, out);
    }

    /** The tensor as one of this trace's values; anything else is refused in the ops' wording. */
    private static CudaTraceTensor traced(String op, Tensor t) {
        if (t instanceof CudaTraceTensor c) {
            return c;
        }
        throw ArgumentErrors.foreignTensor(op, "the jcuda compile trace", t);
    }
}
