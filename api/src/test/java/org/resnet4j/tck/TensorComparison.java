package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.fail;

import org.resnet4j.tensor.HostTensor;

/**
 * Compares a result with the oracle's by relative L2 error ({@code ||actual - expected|| / ||expected||}) and by
 * maximum absolute error, and fails with both numbers, the op and the shapes.
 */
public final class TensorComparison {
    /** Relative L2 error a float32 backend must stay within on the contract's inputs. */
    public static final double RELATIVE_L2_TOLERANCE = 1e-5;
    /** Maximum absolute error allowed, relative to the largest magnitude in the expected tensor (at least 1). */
    public static final double MAX_ABS_TOLERANCE = 1e-4;

    private TensorComparison() {
    }

    /** Relative L2 error; when {@code expected} is all zeros, the absolute L2 norm of the difference. */
    public static double relativeL2Error(HostTensor actual, HostTensor expected) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.size(); i++) {
            double d = (double) actual.data()[i] - expected.data()[i];
            diff += d * d;
            norm += (double) expected.data()[i] * expected.data()[i];
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    /** Largest absolute elementwise difference. */
    public static double maxAbsError(HostTensor actual, HostTensor expected) {
        double max = 0;
        for (int i = 0; i < expected.size(); i++) {
            double d = Math.abs((double) actual.data()[i] - expected.data()[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            max = Math.max(max, d);
        }
        return max;
    }

    /** Asserts {@code actual} matches {@code expected} with the default tolerances. */
    public static void assertClose(String what, HostTensor actual, HostTensor expected) {
        assertClose(what, actual, expected, RELATIVE_L2_TOLERANCE);
    }

    /** Asserts same shape, relative L2 error within {@code relativeL2Tolerance} and max abs error within bounds. */
    public static void assertClose(String what, HostTensor actual, HostTensor expected, double relativeL2Tolerance) {
        if (!actual.shape().equals(expected.shape())) {
            fail(what + ": expected shape " + expected.shape() + ". Received: shape=" + actual.shape());
        }
        double scale = 1.0;
        for (float v : expected.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        double rel = relativeL2Error(actual, expected);
        double maxAbs = maxAbsError(actual, expected);
        double maxAbsAllowed = MAX_ABS_TOLERANCE * scale;
        if (!(rel <= relativeL2Tolerance) || !(maxAbs <= maxAbsAllowed)) {
            fail(String.format("%s: output %s differs from the reference: relative L2 error %.3e (allowed %.1e),"
                    + " max abs error %.3e (allowed %.1e)", what, expected.shape(), rel, relativeL2Tolerance,
                    maxAbs, maxAbsAllowed));
        }
    }
}
