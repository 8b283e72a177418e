package org.resnet4j.tensor;

import java.util.Arrays;

/**
 * An immutable list of dimension sizes. Image tensors are NHWC: {@code [batch, height, width, channels]}.
 * Every dimension is positive: a batch that is not known yet is not part of a shape (see the nn package).
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** A shape with the given dimensions; each must be positive. */
    public static Shape of(int... dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] <= 0) {
                throw new IllegalArgumentException(
                        "Every dimension of a shape must be positive. Received: " + Arrays.toString(dims)
                                + " (dimension " + i + " is " + dims[i] + ")");
            }
        }
        return new Shape(dims.clone());
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code axis}; a negative axis counts from the end (-1 is the last). */
    public int dim(int axis) {
        int a = axis < 0 ? dims.length + axis : axis;
        if (a < 0 || a >= dims.length) {
            throw new IndexOutOfBoundsException("axis " + axis + " out of range for shape " + this);
        }
        return dims[a];
    }

    /** A copy of the dimensions. */
    public int[] toArray() {
        return dims.clone();
    }

    /** Number of elements; throws if it does not fit an {@code int} (Java arrays cannot hold more). */
    public int size() {
        return Math.toIntExact(sizeAsLong());
    }

    /** Number of elements as a long. */
    public long sizeAsLong() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** This shape with {@code batch} prepended: the runtime shape of a per-sample shape. */
    public Shape withBatch(int batch) {
        int[] r = new int[dims.length + 1];
        r[0] = batch;
        System.arraycopy(dims, 0, r, 1, dims.length);
        return of(r);
    }

    /** This shape without its first dimension: the per-sample shape of a batched shape. */
    public Shape withoutBatch() {
        if (dims.length == 0) {
            throw new IllegalStateException("a scalar shape has no batch dimension");
        }
        return new Shape(Arrays.copyOfRange(dims, 1, dims.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Formats as {@code [1, 224, 224, 3]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
