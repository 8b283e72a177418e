package org.resnet4j.backend.jcuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
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
 * The eager ops: each call allocates its result on the GPU and enqueues one kernel. Calls are serialised on the
 * context (one stream), which makes them safe from several threads; {@link #download} waits for the stream.
 * Arguments are checked, and result shapes computed, by the api's shape rules ({@link ConvolutionShapes}, ...).
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
        Shape out = ConvolutionShapes.conv2d(x.shape(), k.shape(), b == null ? null : b.shape(), options);
        return run(out, y -> CudaLaunches.conv2d(x.buffer().pointer(), x.shape(), k.buffer().pointer(), k.shape(),
                b == null ? null : b.buffer().pointer(), out, options, false, y));
    }

    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        CudaTensor x = cuda("batchNorm", input);
        CudaTensor g = cuda("batchNorm", gamma);
        CudaTensor b = cuda("batchNorm", beta);
        CudaTensor m = cuda("batchNorm", mean);
        CudaTensor v = cuda("batchNorm", variance);
        Shape out = NormalizationShapes.batchNorm(x.shape(), g.shape(), b.shape(), m.shape(), v.shape(), epsilon);
        return run(out, y -> CudaLaunches.batchNorm(x.buffer().pointer(), x.shape(), g.buffer().pointer(),
                b.buffer().pointer(), m.buffer().pointer(), v.buffer().pointer(), epsilon, false, y));
    }

    @Override
    public Tensor relu(Tensor input) {
        CudaTensor x = cuda("relu", input);
        Shape out = ElementwiseShapes.relu(x.shape());
        return run(out, y -> CudaLaunches.relu(x.buffer().pointer(), out.sizeAsLong(), y));
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        CudaTensor x = cuda("add", a);
        CudaTensor z = cuda("add", b);
        Shape out = ElementwiseShapes.add(x.shape(), z.shape());
        return run(out, y -> CudaLaunches.add(x.buffer().pointer(), z.buffer().pointer(), out.sizeAsLong(), false,
                y));
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        CudaTensor x = cuda("maxPool", input);
        return pool(CudaKernel.MAX_POOL, x, PoolingShapes.maxPool(x.shape(), options), options);
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        CudaTensor x = cuda("avgPool", input);
        return pool(CudaKernel.AVG_POOL, x, PoolingShapes.avgPool(x.shape(), options), options);
    }

    private Tensor pool(CudaKernel kernel, CudaTensor x, Shape out, PoolOptions options) {
        return run(out, y -> CudaLaunches.pool(kernel, x.buffer().pointer(), x.shape(), out, options, y));
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        CudaTensor x = cuda("globalAvgPool", input);
        Shape out = PoolingShapes.globalAvgPool(x.shape());
        return run(out, y -> CudaLaunches.globalAvgPool(x.buffer().pointer(), x.shape(), y));
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        CudaTensor x = cuda("zeroPad", input);
        Shape out = LayoutShapes.zeroPad(x.shape(), padding);
        return run(out, y -> CudaLaunches.zeroPad(x.buffer().pointer(), x.shape(), out, padding, y));
    }

    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        CudaTensor x = cuda("reshape", input);
        return new CudaTensor(LayoutShapes.reshape(x.shape(), shape), x.buffer().retain());
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        CudaTensor x = cuda("dense", input);
        CudaTensor k = cuda("dense", kernel);
        CudaTensor b = bias == null ? null : cuda("dense", bias);
        Shape out = MatrixShapes.dense(x.shape(), k.shape(), b == null ? null : b.shape());
        return run(out, y -> CudaLaunches.dense(x.buffer().pointer(), k.buffer().pointer(),
                b == null ? null : b.buffer().pointer(), out.dim(0), k.shape().dim(0), out.dim(1), false, y));
    }

    @Override
    public Tensor softmax(Tensor input) {
        CudaTensor x = cuda("softmax", input);
        Shape out = MatrixShapes.softmax(x.shape());
        return run(out, y -> CudaLaunches.softmax(x.buffer().pointer(), out.dim(0), out.dim(1), y));
    }

    @Override
    public Tensor dropout(Tensor input, float rate) {
        CudaTensor x = cuda("dropout", input);
        return new CudaTensor(ElementwiseShapes.dropout(x.shape(), rate), x.buffer().retain());
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

    /** The tensor as one of this backend's device tensors; anything else is refused in the ops' wording. */
    static CudaTensor cuda(String op, Tensor t) {
        if (t instanceof CudaTensor c) {
            return c;
        }
        throw ArgumentErrors.foreignTensor(op, "the jcuda backend", t);
    }
}
