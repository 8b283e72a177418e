package org.resnet4j.backend.jcuda;

import org.resnet4j.tensor.AbstractTensor;
import org.resnet4j.tensor.Shape;

/** A float32 tensor in GPU memory, row-major (NHWC for images) like the host side. */
final class CudaTensor extends AbstractTensor {
    private final CudaBuffer buffer;

    CudaTensor(Shape shape, CudaBuffer buffer) {
        super(shape);
        this.buffer = buffer;
    }

    CudaBuffer buffer() {
        checkOpen();
        return buffer;
    }

    long bytes() {
        return shape().sizeAsLong() * Float.BYTES;
    }

    @Override
    protected void free() {
        buffer.release();
    }
}
