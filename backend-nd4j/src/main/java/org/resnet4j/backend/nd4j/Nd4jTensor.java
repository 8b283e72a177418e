package org.resnet4j.backend.nd4j;

import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.resnet4j.tensor.DType;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A {@link Tensor} backed by an ND4J {@link INDArray} in off-heap memory; closing it frees that memory at once
 * instead of waiting for the garbage collector.
 */
final class Nd4jTensor implements Tensor {
    private final INDArray array;
    private final Shape shape;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Wraps {@code array}, which this tensor now owns. */
    Nd4jTensor(INDArray array) {
        this.array = array;
        long[] dims = array.shape();
        int[] intDims = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            intDims[i] = Math.toIntExact(dims[i]);
        }
        this.shape = Shape.of(intDims);
    }

    /** The wrapped array; fails once the tensor is closed, so a use-after-free is an exception, not a crash. */
    public INDArray array() {
        if (closed.get()) {
            throw new IllegalStateException("This nd4j tensor " + shape + " is closed");
        }
        return array;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    /** True once {@link #close()} has run. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Ends this handle without freeing the array and returns it: the caller (a compiled model's array pool) owns
     * it from now on.
     */
    INDArray release() {
        if (!closed.compareAndSet(false, true)) {
            throw new IllegalStateException("This nd4j tensor " + shape + " is closed");
        }
        return array;
    }

    @Override
    public void close() {
        // Views and workspace-attached arrays cannot be released one by one; ND4J frees them with their owner.
        if (closed.compareAndSet(false, true) && array.closeable()) {
            array.close();
        }
    }

    @Override
    public String toString() {
        return "Nd4jTensor" + shape + (closed.get() ? " (closed)" : "");
    }
}
