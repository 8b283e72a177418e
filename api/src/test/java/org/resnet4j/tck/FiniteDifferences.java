package org.resnet4j.tck;

import java.util.function.DoubleSupplier;
import org.resnet4j.tensor.Tensor;

/**
 * Central differences in float64, and the comparison of an analytic gradient with them: the independent check of
 * every backward primitive and of the tape.
 */
public final class FiniteDifferences {
    /** The step: small enough that the truncation error (order step^2) is far below the tolerance. */
    public static final double STEP = 1e-5;
    /** Relative L2 error allowed between an analytic gradient and central differences in float64. */
    public static final double TOLERANCE = 1e-6;

    private FiniteDifferences() {
    }

    /**
     * The derivative of {@code f} with respect to every element of {@code x}: each element is moved by
     * {@code +-STEP} in place, {@code f} re-evaluated, and restored.
     */
    public static Float64Tensor gradient(Float64Tensor x, DoubleSupplier f) {
        double[] v = x.values();
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double saved = v[i];
            v[i] = saved + STEP;
            double up = f.getAsDouble();
            v[i] = saved - STEP;
            double down = f.getAsDouble();
            v[i] = saved;
            g[i] = (up - down) / (2 * STEP);
        }
        return Float64Tensor.of(x.shape(), g);
    }

    /** {@code sum(weights * output)}: reduces an op's output to the scalar whose gradient is {@code weights}. */
    public static double project(Tensor output, Float64Tensor weights) {
        double[] y = ((Float64Tensor) output).values();
        double sum = 0.0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i] * weights.values()[i];
        }
        return sum;
    }

    /** Fails, naming {@code what} and the error, unless {@code analytic} is within {@link #TOLERANCE} of {@code numeric}. */
    public static void assertMatches(String what, Tensor analytic, Float64Tensor numeric) {
        assertMatches(what, analytic, numeric, TOLERANCE);
    }

    /** As {@link #assertMatches(String, Tensor, Float64Tensor)} with another relative L2 tolerance. */
    public static void assertMatches(String what, Tensor analytic, Float64Tensor numeric, double tolerance) {
        if (!(analytic instanceof Float64Tensor a)) {
            throw new AssertionError(what + ": expected a Float64Tensor gradient. Received: " + analytic);
        }
        if (!a.shape().equals(numeric.shape())) {
            throw new AssertionError(what + ": gradient of shape " + a.shape() + ", expected " + numeric.shape());
        }
        double error = relativeL2(a.values(), numeric.values());
        if (!(error <= tolerance)) {
            throw new AssertionError(String.format("%s: analytic gradient differs from central differences by %.3g"
                    + " relative L2 (tolerance %.1g)", what, error, tolerance));
        }
    }

    /**
     * {@code |a - b| / max(|b|, 1e-4)}: relative for gradients of ordinary size; for a gradient that is exactly zero
     * (a bias followed by batch normalisation) the rounding noise of central differences, about 1e-11, passes.
     */
    public static double relativeL2(double[] a, double[] b) {
        return relativeL2(a, b, 1e-4);
    }

    /** {@code |a - b| / max(|b|, floor)}. */
    public static double relativeL2(double[] a, double[] b, double floor) {
        double diff = 0.0;
        double norm = 0.0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return Math.sqrt(diff) / Math.max(Math.sqrt(norm), floor);
    }
}
