package org.resnet4j.backend.jcuda;

import jcuda.driver.CUdeviceptr;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.PoolingShapes;
import org.resnet4j.tensor.Shape;

/**
 * Builds the {@link CudaLaunch} of each op from device pointers and shapes, in the argument order of the CUDA C
 * signatures. Shared by the eager ops and the compiled plan, so both launch the same way.
 */
final class CudaLaunches {
    private CudaLaunches() {
    }

    static CudaLaunch conv2d(CUdeviceptr x, Shape in, CUdeviceptr kernel, Shape k, CUdeviceptr bias, Shape out,
            Conv2dOptions o, boolean relu, CUdeviceptr y) {
        Padding.Explicit p = ConvolutionShapes.padding(in, k, o);
        long m = (long) out.dim(0) * out.dim(1) * out.dim(2);
        return new CudaLaunch(CudaKernel.CONV2D_NHWC, CudaLaunchGeometry.gemm(m, out.dim(3)),
                x, kernel, bias, y, in.dim(0), in.dim(1), in.dim(2), in.dim(3), out.dim(1), out.dim(2), out.dim(3),
                k.dim(0), k.dim(1), o.strideHeight(), o.strideWidth(), p.top(), p.left(), relu ? 1 : 0);
    }

    static CudaLaunch dense(CUdeviceptr x, CUdeviceptr kernel, CUdeviceptr bias, int rows, int in, int out,
            boolean relu, CUdeviceptr y) {
        return new CudaLaunch(CudaKernel.SGEMM_BIAS, CudaLaunchGeometry.gemm(rows, out),
                x, kernel, bias, y, rows, out, in, relu ? 1 : 0);
    }

    static CudaLaunch batchNorm(CUdeviceptr x, Shape shape, CUdeviceptr gamma, CUdeviceptr beta, CUdeviceptr mean,
            CUdeviceptr variance, float epsilon, boolean relu, CUdeviceptr y) {
        long count = shape.sizeAsLong();
        return new CudaLaunch(CudaKernel.BATCH_NORM, CudaLaunchGeometry.elementwise(count),
                x, gamma, beta, mean, variance, epsilon, y, count, shape.dim(-1), relu ? 1 : 0);
    }

    static CudaLaunch relu(CUdeviceptr x, long count, CUdeviceptr y) {
        return new CudaLaunch(CudaKernel.RELU, CudaLaunchGeometry.elementwise(count), x, y, count);
    }

    static CudaLaunch add(CUdeviceptr a, CUdeviceptr b, long count, boolean relu, CUdeviceptr y) {
        return new CudaLaunch(CudaKernel.ADD, CudaLaunchGeometry.elementwise(count), a, b, y, count, relu ? 1 : 0);
    }

    static CudaLaunch pool(CudaKernel kernel, CUdeviceptr x, Shape in, Shape out, PoolOptions o, CUdeviceptr y) {
        Padding.Explicit p = PoolingShapes.padding(in, o);
        return new CudaLaunch(kernel, CudaLaunchGeometry.elementwise(out.sizeAsLong()),
                x, y, in.dim(0), in.dim(1), in.dim(2), in.dim(3), out.dim(1), out.dim(2),
                o.poolHeight(), o.poolWidth(), o.strideHeight(), o.strideWidth(), p.top(), p.left());
    }

    static CudaLaunch globalAvgPool(CUdeviceptr x, Shape in, CUdeviceptr y) {
        return new CudaLaunch(CudaKernel.GLOBAL_AVG_POOL, CudaLaunchGeometry.elementwise((long) in.dim(0) * in.dim(3)),
                x, y, in.dim(0), in.dim(1) * in.dim(2), in.dim(3));
    }

    static CudaLaunch zeroPad(CUdeviceptr x, Shape in, Shape out, Padding.Explicit p, CUdeviceptr y) {
        return new CudaLaunch(CudaKernel.ZERO_PAD, CudaLaunchGeometry.elementwise(out.sizeAsLong()),
                x, y, in.dim(0), in.dim(1), in.dim(2), in.dim(3), out.dim(1), out.dim(2), p.top(), p.left());
    }

    static CudaLaunch softmax(CUdeviceptr x, int rows, int cols, CUdeviceptr y) {
        return new CudaLaunch(CudaKernel.SOFTMAX, CudaLaunchGeometry.softmax(rows), x, y, rows, cols);
    }
}
