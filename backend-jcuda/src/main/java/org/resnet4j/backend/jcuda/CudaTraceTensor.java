package org.resnet4j.backend.jcuda;

import org.resnet4j.tensor.DType;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** A symbolic tensor seen by the layers while a model is traced: a view with a shape of one traced value. */
final class CudaTraceTensor implements Tensor {
    final CudaTraceValue value;
    private final Shape shape;

    CudaTraceTensor(CudaTraceValue value, Shape shape) {
        this.value = value;
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
        // liveness is computed from the recorded steps, not from when the layers close their handles
    }
}
