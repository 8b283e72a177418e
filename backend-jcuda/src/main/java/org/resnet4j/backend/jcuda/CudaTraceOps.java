package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * An {@link Ops} that computes nothing: it records the kernels a model would launch, with shapes checked exactly
 * as the eager ops check them. {@code compile} runs the model once on it to get the launch plan. Pure Java.
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
        Shape out = CudaShapes.conv2d(input.shape(), kernel.shape(), bias == null ? null : bias.shape(), options);
        CudaTraceStep s = step(CudaTraceStep.Op.CONV2D, input);
        s.constants.add(traced("conv2d", kernel).value);
        s.constants.add(bias == null ? null : traced("conv2d", bias).value);
        s.convOptions = options;
        return finish(s, out);
    }

    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        int c = input.shape().dim(-1);
        CudaTraceStep s = step(CudaTraceStep.Op.BATCH_NORM, input);
        String[] names = {"gamma", "beta", "moving_mean", "moving_variance"};
        Tensor[] vectors = {gamma, beta, mean, variance};
        for (int i = 0; i < 4; i++) {
            CudaShapes.requireVector("batchNorm", names[i], vectors[i].shape(), c);
            s.constants.add(traced("batchNorm", vectors[i]).value);
        }
        s.epsilon = epsilon;
        return finish(s, input.shape());
    }

    @Override
    public Tensor relu(Tensor input) {
        return finish(step(CudaTraceStep.Op.RELU, input), input.shape());
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        CudaShapes.requireSame("add", a.shape(), b.shape());
        CudaTraceStep s = step(CudaTraceStep.Op.ADD, a);
        s.inputs.add(traced("add", b).value);
        s.inputShapes.add(b.shape());
        return finish(s, a.shape());
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        CudaTraceStep s = step(CudaTraceStep.Op.MAX_POOL, input);
        s.poolOptions = options;
        return finish(s, CudaShapes.pool("maxPool", input.shape(), options));
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        CudaTraceStep s = step(CudaTraceStep.Op.AVG_POOL, input);
        s.poolOptions = options;
        return finish(s, CudaShapes.pool("avgPool", input.shape(), options));
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        CudaShapes.requireRank("globalAvgPool", input.shape(), 4, "NHWC");
        Shape in = input.shape();
        return finish(step(CudaTraceStep.Op.GLOBAL_AVG_POOL, input), Shape.of(in.dim(0), in.dim(3)));
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        CudaShapes.requireRank("zeroPad", input.shape(), 4, "NHWC");
        Shape in = input.shape();
        CudaTraceStep s = step(CudaTraceStep.Op.ZERO_PAD, input);
        s.padding = padding;
        return finish(s, Shape.of(in.dim(0), in.dim(1) + padding.top() + padding.bottom(),
                in.dim(2) + padding.left() + padding.right(), in.dim(3)));
    }

    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        if (input.shape().sizeAsLong() != shape.sizeAsLong()) {
            throw new IllegalArgumentException("reshape expects a shape with " + input.shape().sizeAsLong()
                    + " elements (as " + input.shape() + "). Received: shape=" + shape);
        }
        return new CudaTraceTensor(traced("reshape", input).value, shape);
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        Shape out = CudaShapes.dense(input.shape(), kernel.shape(), bias == null ? null : bias.shape());
        CudaTraceStep s = step(CudaTraceStep.Op.DENSE, input);
        s.constants.add(traced("dense", kernel).value);
        s.constants.add(bias == null ? null : traced("dense", bias).value);
        return finish(s, out);
    }

    @Override
    public Tensor softmax(Tensor input) {
        CudaShapes.requireRank("softmax", input.shape(), 2, "[n, classes]");
        return finish(step(CudaTraceStep.Op.SOFTMAX, input), input.shape());
    }

    @Override
    public Tensor dropout(Tensor input, float rate) {
        return new CudaTraceTensor(traced("dropout", input).value, input.shape());
    }

    private CudaTraceStep step(CudaTraceStep.Op op, Tensor input) {
        CudaTraceStep s = new CudaTraceStep(op);
        s.inputs.add(traced(op.name(), input).value);
        s.inputShapes.add(input.shape());
        return s;
    }

    private Tensor finish(CudaTraceStep s, Shape out) {
        s.output = newValue(CudaTraceValue.Kind.ACTIVATION, out, null, null);
        s.outputShape = out;
        steps.add(s);
        return new CudaTraceTensor(s.output, out);
    }

    private static CudaTraceTensor traced(String op, Tensor t) {
        if (t instanceof CudaTraceTensor c) {
            return c;
        }
        throw new IllegalArgumentException(op + " expects a tensor of the jcuda backend while compiling. Received: "
                + (t == null ? "null" : t.getClass().getName()));
    }
}
