package org.resnet4j.tck;

import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** Ops that pass every call to a delegate; subclasses override one op to build a deliberately broken backend. */
class ForwardingOps implements Ops {
    protected final Ops delegate;

    ForwardingOps(Ops delegate) {
        this.delegate = delegate;
    }

    /** Over the oracle, {@link ReferenceOps}: where every deliberately broken backend starts. */
    ForwardingOps() {
        this(new ReferenceOps());
    }

    @Override
    public Tensor upload(HostTensor host) {
        return delegate.upload(host);
    }

    @Override
    public HostTensor download(Tensor tensor) {
        return delegate.download(tensor);
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options) {
        return delegate.conv2d(input, kernel, bias, options);
    }

    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        return delegate.batchNorm(input, gamma, beta, mean, variance, epsilon);
    }

    @Override
    public Tensor relu(Tensor input) {
        return delegate.relu(input);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return delegate.add(a, b);
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        return delegate.maxPool(input, options);
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        return delegate.avgPool(input, options);
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        return delegate.globalAvgPool(input);
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        return delegate.zeroPad(input, padding);
    }

    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        return delegate.reshape(input, shape);
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        return delegate.dense(input, kernel, bias);
    }

    @Override
    public Tensor softmax(Tensor input) {
        return delegate.softmax(input);
    }

    @Override
    public Tensor dropout(Tensor input, float rate) {
        return delegate.dropout(input, rate);
    }
}
