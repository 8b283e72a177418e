package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.fail;

import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.TensorDifference;

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

    /**
     * Relative L2 error ({@link TensorDifference#relativeL2}); when {@code expected} is all zeros, the absolute L2
     * norm of the difference (that is, of {@code actual}) instead of infinity, so a backend that is off by rounding
     * around zero can still pass.
     */
    public static double relativeL2Error(HostTensor actual, HostTensor expected) {
        double relative = TensorDifference.relativeL2(actual, expected);
        if (!Double.isInfinite(relative)) {
            return relative;
        }
        double squares = 0;
        for (float value : actual.data()) {
            squares += (double) value * value;
        }
        return Math.sqrt(squares);
    }

    /** Largest absolute elementwise difference ({@link TensorDifference#maxAbs}); NaN when either holds a NaN. */
    public static double maxAbsError(HostTensor actual, HostTensor expected) {
        return TensorDifference.maxAbs(actual, expected);
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
