package org.resnet4j.tensor;

/**
 * How far apart two tensors of one shape are: the largest absolute difference of any element, and the relative L2
 * error {@code ||a - b|| / ||b||}, both accumulated in double so that float32 rounding in the sums does not hide or
 * invent a difference.
 */
public final class TensorDifference {
    private TensorDifference() {
    }

    /** {@code max |a[i] - b[i]|}. */
    public static double maxAbs(HostTensor a, HostTensor b) {
        requireSameShape(a, b);
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs((double) a.data()[i] - b.data()[i]));
        }
        return max;
    }

    /** {@code ||a - b|| / ||b||}; 0 when both are all zero, infinite when only {@code b} is. */
    public static double relativeL2(HostTensor a, HostTensor b) {
        requireSameShape(a, b);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = (double) a.data()[i] - b.data()[i];
            diff += d * d;
            norm += (double) b.data()[i] * b.data()[i];
        }
        if (norm == 0) {
            return diff == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(diff / norm);
    }

    private static void requireSameShape(HostTensor a, HostTensor b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("Cannot compare tensors of different shapes: " + a.shape() + " and "
                    + b.shape());
        }
    }
}
