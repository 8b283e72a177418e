package org.resnet4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.DType;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A fake backend for layer and model tests: computes no numbers, only result shapes, and records every call and
 * every handle it makes so tests can check which ops ran and which tensors were closed.
 */
final class RecordingOps implements Ops {
    /** A handle that counts how often it was closed. */
    static final class FakeTensor implements Tensor {
        final String label;
        private final Shape shape;
        int closes;

        FakeTensor(String label, Shape shape) {
            this.label = label;
            this.shape = shape;
        }

        @Override
        public Shape shape() {
            return shape;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public void close() {
            closes++;
        }

        boolean isClosed() {
            return closes > 0;
        }

        @Override
        public String toString() {
            return label + shape;
        }
    }

    final List<String> calls = new ArrayList<>();
    final List<FakeTensor> made = new ArrayList<>();
    /** When set, the first call whose name starts with it throws, to test clean-up on failure. */
    String failOn;

    FakeTensor tensor(String label, int... dims) {
        return new FakeTensor(label, Shape.of(dims));
    }

    private FakeTensor result(String call, Shape shape) {
        if (failOn != null && call.startsWith(failOn)) {
            throw new IllegalStateException("injected failure in " + call);
        }
        calls.add(call);
        FakeTensor t = new FakeTensor(call + "#" + made.size(), shape);
        made.add(t);
        return t;
    }

    private static void requireOpen(Tensor... args) {
        for (Tensor a : args) {
            if (a instanceof FakeTensor f && f.isClosed()) {
                throw new IllegalStateException("used after close: " + f);
            }
        }
    }

    @Override
    public Tensor upload(HostTensor host) {
        return result("upload", host.shape());
    }

    @Override
    public HostTensor download(Tensor tensor) {
        return HostTensor.zeros(tensor.shape());
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions o) {
        requireOpen(input, kernel);
        Shape in = input.shape();
        Shape k = kernel.shape();
        Padding.Explicit p = o.padding().resolve(in.dim(1), in.dim(2), k.dim(0), k.dim(1), o.strideHeight(),
                o.strideWidth());
        return result(bias == null ? "conv2d" : "conv2d+bias", Shape.of(in.dim(0),
                WindowGeometry.outputSize(in.dim(1), k.dim(0), o.strideHeight(), p.top(), p.bottom()),
                WindowGeometry.outputSize(in.dim(2), k.dim(1), o.strideWidth(), p.left(), p.right()), k.dim(3)));
    }

    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        requireOpen(input, gamma, beta, mean, variance);
        return result("batchNorm(eps=" + epsilon + ")", input.shape());
    }

    @Override
    public Tensor relu(Tensor input) {
        requireOpen(input);
        return result("relu", input.shape());
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        requireOpen(a, b);
        return result("add", a.shape());
    }

    private Tensor pool(String name, Tensor input, PoolOptions o) {
        requireOpen(input);
        Shape in = input.shape();
        Padding.Explicit p = o.padding().resolve(in.dim(1), in.dim(2), o.poolHeight(), o.poolWidth(),
                o.strideHeight(), o.strideWidth());
        return result(name, Shape.of(in.dim(0),
                WindowGeometry.outputSize(in.dim(1), o.poolHeight(), o.strideHeight(), p.top(), p.bottom()),
                WindowGeometry.outputSize(in.dim(2), o.poolWidth(), o.strideWidth(), p.left(), p.right()), in.dim(3)));
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        return pool("maxPool", input, options);
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        return pool("avgPool", input, options);
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        requireOpen(input);
        return result("globalAvgPool", Shape.of(input.shape().dim(0), input.shape().dim(3)));
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit p) {
        requireOpen(input);
        Shape in = input.shape();
        return result("zeroPad", Shape.of(in.dim(0), in.dim(1) + p.top() + p.bottom(), in.dim(2) + p.left() + p.right(),
                in.dim(3)));
    }

    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        requireOpen(input);
        if (shape.sizeAsLong() != input.shape().sizeAsLong()) {
            throw new IllegalArgumentException("reshape " + input.shape() + " to " + shape);
        }
        return result("reshape" + shape, shape);
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        requireOpen(input, kernel);
        return result(bias == null ? "dense" : "dense+bias", Shape.of(input.shape().dim(0), kernel.shape().dim(1)));
    }

    @Override
    public Tensor softmax(Tensor input) {
        requireOpen(input);
        if (input.shape().rank() != 2) {
            throw new IllegalArgumentException("softmax expects rank 2. Received: " + input.shape());
        }
        return result("softmax", input.shape());
    }

    @Override
    public Tensor dropout(Tensor input, float rate) {
        requireOpen(input);
        return result("dropout(" + rate + ")", input.shape());
    }
}
