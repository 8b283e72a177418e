package org.resnet4j.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.resnet4j.tensor.AbstractTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A {@link Tensor} backed by an ND4J {@link INDArray} in off-heap memory; closing it frees that memory at once
 * instead of waiting for the garbage collector, or hands it back to the array pool it came from (the training ops').
 */
final class Nd4jTensor extends AbstractTensor {
    private final INDArray array;
    /** Where {@link #free} hands the array back to, or {@code null} to free it. */
    private final Nd4jArrayPool returnTo;

    /** Wraps {@code array}, which this tensor now owns. */
    Nd4jTensor(INDArray array) {
        this(array, null);
    }

    /** Wraps {@code array}, which this tensor now owns and hands back to {@code returnTo} when closed (if not null). */
    Nd4jTensor(INDArray array, Nd4jArrayPool returnTo) {
        super(shapeOf(array.shape()));
        this.array = array;
        this.returnTo = returnTo;
    }

    /** ND4J's {@code long} dimensions as the api's {@link Shape}. */
    static Shape shapeOf(long[] dims) {
        int[] intDims = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            intDims[i] = Math.toIntExact(dims[i]);
        }
        return Shape.of(intDims);
    }

    /** The wrapped array; fails once the tensor is closed, so a use-after-free is an exception, not a crash. */
    public INDArray array() {
        checkOpen();
        return array;
    }

    /**
     * Ends this handle without freeing the array and returns it: the caller (a compiled model's array pool) owns
     * it from now on.
     */
    INDArray release() {
        if (!markClosed()) {
            checkOpen(); // already closed: throws the use-after-close error
        }
        return array;
    }

    /** Views and workspace-attached arrays cannot be released one by one; ND4J frees them with their owner. */
    @Override
    protected void free() {
        if (returnTo != null) {
            returnTo.give(array); // frees what the pool did not lend
        } else if (array.closeable()) {
            array.close();
        }
    }
}
