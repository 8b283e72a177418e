package org.resnet4j.backend.jcuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The eager ops: each call allocates its result on the GPU and enqueues one kernel. Calls are serialised on the
 * context (one stream), which makes them safe from several threads; {@link #download} waits for the stream.
 */
final class CudaOps implements Ops {
    private final CudaContext context;

    CudaOps(CudaContext context) {
        this.context = context;
    }

    @Override
    public Tensor upload(HostTensor host) {
        synchronized (context) {
            context.makeCurrent();
            long bytes = (long) host.size() * Float.BYTES;
            CudaBuffer buffer = CudaBuffer.allocate(context, bytes, "upload " + host.shape());
            CudaDriver.check(JCudaDriver.cuMemcpyHtoD(buffer.pointer(), Pointer.to(host.data()), bytes),
                    "cuMemcpyHtoD", "upload " + host.shape());
            return new CudaTensor(host.shape(), buffer);
        }
    }

    @Override
    public HostTensor download(Tensor tensor) {
        CudaTensor t = cuda("download", tensor);
        synchronized (context) {
            context.makeCurrent();
            context.synchronize("download " + t.shape());
            float[] data = new float[t.shape().size()];
            CudaDriver.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(data), t.buffer().pointer(), t.bytes()),
                    "cuMemcpyDtoH", "download " + t.shape());
            return HostTensor.of(t.shape(), data);
        }
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options) {
        CudaTensor x = cuda("conv2d", input);
        CudaTensor k = cuda("conv2d", kernel);
        CudaTensor b = bias == null ? null : cuda("conv2d", bias);
        Shape out = CudaShapes.conv2d(x.shape(), k.shape(), b == null ? null : b.shape(), options);
        return run(out, y -> CudaLaunches.conv2d(x.buffer().pointer(), x.shape(), k.buffer().pointer(), k.shape(),
                b == null ? null : b.buffer().pointer(), out, options, false, y));
    }

    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        CudaTensor x = cuda("batchNorm", input);
        int c = x.shape().dim(-1);
        CudaTensor g = vector("gamma", gamma, c);
        CudaTensor b = vector("beta", beta, c);
        CudaTensor m = vector("moving_mean", mean, c);
        CudaTensor v = vector("moving_variance", variance, c);
        return run(x.shape(), y -> CudaLaunches.batchNorm(x.buffer().pointer(), x.shape(), g.buffer().pointer(),
                b.buffer().pointer(), m.buffer().pointer(), v.buffer().pointer(), epsilon, false, y));
    }

    @Override
    public Tensor relu(Tensor input) {
        CudaTensor x = cuda("relu", input);
        return run(x.shape(), y -> CudaLaunches.relu(x.buffer().pointer(), x.shape().sizeAsLong(), y));
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        CudaTensor x = cuda("add", a);
        CudaTensor z = cuda("add", b);
        CudaShapes.requireSame("add", x.shape(), z.shape());
        return run(x.shape(), y -> CudaLaunches.add(x.buffer().pointer(), z.buffer().pointer(),
                x.shape().sizeAsLong(), false, y));
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        return pool("maxPool", CudaKernel.MAX_POOL, input, options);
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        return pool("avgPool", CudaKernel.AVG_POOL, input, options);
    }

    private Tensor pool(String op, CudaKernel kernel, Tensor input, PoolOptions options) {
        CudaTensor x = cuda(op, input);
        Shape out = CudaShapes.pool(op, x.shape(), options);
        return run(out, y -> CudaLaunches.pool(kernel, x.buffer().pointer(), x.shape(), out, options, y));
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        CudaTensor x = cuda("globalAvgPool", input);
        CudaShapes.requireRank("globalAvgPool", x.shape(), 4, "NHWC");
        Shape out = Shape.of(x.shape().dim(0), x.shape().dim(3));
        return run(out, y -> CudaLaunches.globalAvgPool(x.buffer().pointer(), x.shape(), y));
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        CudaTensor x = cuda("zeroPad", input);
        CudaShapes.requireRank("zeroPad", x.shape(), 4, "NHWC");
        Shape in = x.shape();
        Shape out = Shape.of(in.dim(0), in.dim(1) + padding.top() + padding.bottom(),
                in.dim(2) + padding.left() + padding.right(), in.dim(3));
        return run(out, y -> CudaLaunches.zeroPad(x.buffer().pointer(), in, out, padding, y));
    }

    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        CudaTensor x = cuda("reshape", input);
        if (x.shape().sizeAsLong() != shape.sizeAsLong()) {
            throw new IllegalArgumentException("reshape expects a shape with " + x.shape().sizeAsLong()
                    + " elements (as " + x.shape() + "). Received: shape=" + shape);
        }
        return new CudaTensor(shape, x.buffer().retain());
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        CudaTensor x = cuda("dense", input);
        CudaTensor k = cuda("dense", kernel);
        CudaTensor b = bias == null ? null : cuda("dense", bias);
        Shape out = CudaShapes.dense(x.shape(), k.shape(), b == null ? null : b.shape());
        return run(out, y -> CudaLaunches.dense(x.buffer().pointer(), k.buffer().pointer(),
                b == null ? null : b.buffer().pointer(), out.dim(0), k.shape().dim(0), out.dim(1), false, y));
    }

    @Override
    public Tensor softmax(Tensor input) {
        CudaTensor x = cuda("softmax", input);
        CudaShapes.requireRank("softmax", x.shape(), 2, "[n, classes]");
        return run(x.shape(), y -> CudaLaunches.softmax(x.buffer().pointer(), x.shape().dim(0), x.shape().dim(1), y));
    }

    @Override
    public Tensor dropout(Tensor input, float rate) {
        CudaTensor x = cuda("dropout", input);
        return new CudaTensor(x.shape(), x.buffer().retain());
    }

    /** Allocates the result, enqueues the launch the builder makes for it, and frees the result on failure. */
    private Tensor run(Shape out, java.util.function.Function<CUdeviceptr, CudaLaunch> launch) {
        synchronized (context) {
            context.makeCurrent();
            CudaBuffer buffer = CudaBuffer.allocate(context, out.sizeAsLong() * Float.BYTES, "result " + out);
            CudaTensor result = new CudaTensor(out, buffer);
            try {
                launch.apply(buffer.pointer()).enqueue(context);
                return result;
            } catch (RuntimeException | Error e) {
                result.close();
                throw e;
            }
        }
    }

    private static CudaTensor vector(String what, Tensor t, int channels) {
        CudaTensor v = cuda("batchNorm", t);
        CudaShapes.requireVector("batchNorm", what, v.shape(), channels);
        return v;
    }

    static CudaTensor cuda(String op, Tensor t) {
        if (t instanceof CudaTensor c) {
            return c;
        }
        throw new IllegalArgumentException(op + " expects a tensor of the jcuda backend. Received: "
                + (t == null ? "null" : t.getClass().getName()));
    }
}
