package org.resnet4j.backend.jcuda;

import java.util.concurrent.atomic.AtomicBoolean;
import org.resnet4j.tensor.DType;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** A float32 tensor in GPU memory, row-major (NHWC for images) like the host side. */
final class CudaTensor implements Tensor {
    private final Shape shape;
    private final CudaBuffer buffer;
    private final AtomicBoolean closed = new AtomicBoolean();

    CudaTensor(Shape shape, CudaBuffer buffer) {
        this.shape = shape;
        this.buffer = buffer;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    CudaBuffer buffer() {
        if (closed.get()) {
            throw new IllegalStateException("CudaTensor" + shape + " is closed");
        }
        return buffer;
    }

    long bytes() {
        return shape.sizeAsLong() * Float.BYTES;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            buffer.release();
        }
    }

    @Override
    public String toString() {
        return "CudaTensor" + shape;
    }
}
