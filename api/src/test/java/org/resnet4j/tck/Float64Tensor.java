package org.resnet4j.tck;

import org.resnet4j.tensor.AbstractTensor;
import org.resnet4j.tensor.DType;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * A float64 tensor on the JVM heap, row-major: the tensor of {@link Float64Ops}, so that finite differences and
 * comparisons with PyTorch's float64 goldens are not limited by float32 rounding. Closing it marks it closed, and
 * reading a closed tensor throws, so tests on these tensors catch what would be a use after free on a native backend.
 */
public final class Float64Tensor extends AbstractTensor {
    private final double[] values;

    private Float64Tensor(Shape shape, double[] values) {
        super(shape);
        if (shape.sizeAsLong() != values.length) {
            throw new IllegalArgumentException("Shape " + shape + " holds " + shape.sizeAsLong()
                    + " elements but the data has " + values.length);
        }
        this.values = values;
    }

    /** Wraps {@code values} (not copied). */
    public static Float64Tensor of(Shape shape, double[] values) {
        return new Float64Tensor(shape, values);
    }

    /** Zeros. */
    public static Float64Tensor zeros(Shape shape) {
        return new Float64Tensor(shape, new double[shape.size()]);
    }

    /** The float32 values of {@code host}, widened exactly. */
    public static Float64Tensor from(HostTensor host) {
        float[] f = host.data();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return new Float64Tensor(host.shape(), d);
    }

    /** Normal values drawn in order from {@code new java.util.Random(seed)}, scaled by {@code scale}. */
    public static Float64Tensor gaussian(Shape shape, long seed, double scale) {
        java.util.Random rng = new java.util.Random(seed);
        double[] d = new double[shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian() * scale;
        }
        return new Float64Tensor(shape, d);
    }

    /** The values rounded to float32. */
    public HostTensor toHost() {
        double[] values = values();
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return HostTensor.of(shape(), f);
    }

    /** The backing array, not a copy; throws once the tensor is closed. */
    public double[] values() {
        checkOpen();
        return values;
    }

    /** A deep copy. */
    public Float64Tensor copy() {
        return new Float64Tensor(shape(), values().clone());
    }

    @Override
    public DType dtype() {
        return DType.FLOAT64;
    }

    /** Heap memory: nothing to release, but the tensor may no longer be read. */
    @Override
    protected void free() {
        // the closed flag is all there is to set
    }
}
