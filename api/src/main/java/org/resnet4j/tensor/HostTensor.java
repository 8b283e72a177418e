package org.resnet4j.tensor;

import java.util.Arrays;

/**
 * A float32 tensor in JVM memory: the form in which data and weights enter and leave every backend.
 * Elements are stored row-major (the last dimension varies fastest), so an image batch is NHWC.
 * It also serves as the {@link Tensor} of the plain-Java reference implementation.
 */
public final class HostTensor extends AbstractTensor {
    private final float[] data;

    private HostTensor(Shape shape, float[] data) {
        super(shape);
        this.data = data;
    }

    /** Wraps {@code data} (not copied) as a tensor of {@code shape}. */
    public static HostTensor of(Shape shape, float[] data) {
        if (shape.sizeAsLong() != data.length) {
            throw new IllegalArgumentException("Shape " + shape + " holds " + shape.sizeAsLong()
                    + " elements but the data has " + data.length);
        }
        return new HostTensor(shape, data);
    }

    /** A tensor of zeros. */
    public static HostTensor zeros(Shape shape) {
        return new HostTensor(shape, new float[shape.size()]);
    }

    /**
     * Standard normal values drawn in order from {@code new java.util.Random(seed)}: the same tensor on every JVM,
     * for reproducible test inputs and examples.
     */
    public static HostTensor gaussian(Shape shape, long seed) {
        java.util.Random rng = new java.util.Random(seed);
        float[] d = new float[shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return new HostTensor(shape, d);
    }

    /** A tensor whose every element is {@code value}. */
    public static HostTensor filled(Shape shape, float value) {
        float[] d = new float[shape.size()];
        Arrays.fill(d, value);
        return new HostTensor(shape, d);
    }

    /** The backing array, not a copy: writes are visible to every user of this tensor. */
    public float[] data() {
        return data;
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** The element at the given indices (one per dimension). */
    public float get(int... index) {
        return data[offset(index)];
    }

    /** Sets the element at the given indices (one per dimension). */
    public void set(float value, int... index) {
        data[offset(index)] = value;
    }

    private int offset(int... index) {
        if (index.length != shape().rank()) {
            throw new IllegalArgumentException("Expected " + shape().rank() + " indices for shape " + shape()
                    + ". Received: " + Arrays.toString(index));
        }
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape().dim(i);
            if (index[i] < 0 || index[i] >= d) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of shape " + shape());
            }
            off = off * d + index[i];
        }
        return off;
    }

    /** The same data seen with another shape of the same size (a view, not a copy). */
    public HostTensor reshape(Shape newShape) {
        return of(newShape, data);
    }

    /** A deep copy. */
    public HostTensor copy() {
        return new HostTensor(shape(), data.clone());
    }

    /** Host memory is garbage-collected: nothing to release, and the data stays readable after closing. */
    @Override
    protected void free() {
        // nothing native to free
    }
}
