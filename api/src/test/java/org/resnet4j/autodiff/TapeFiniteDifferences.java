package org.resnet4j.autodiff;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.tck.FiniteDifferences;
import org.resnet4j.tck.Float64Ops;
import org.resnet4j.tck.Float64Tensor;
import org.resnet4j.tensor.Tensor;

/**
 * Checks the tape's gradients of a scalar loss against central differences in float64: the loss is recomputed on
 * a fresh tape (same dropout seed, so the same masks) for every moved parameter value.
 */
final class TapeFiniteDifferences {
    private TapeFiniteDifferences() {
    }

    /**
     * @param parameters the tensors to differentiate with respect to (moved in place by the finite differences)
     * @param loss       computes the loss on the given tape from the given parameters
     */
    static void check(String what, Map<String, Float64Tensor> parameters,
            BiFunction<GradientTape, Map<String, Tensor>, Tensor> loss) {
        check(what, parameters, loss, FiniteDifferences.TOLERANCE);
    }

    static void check(String what, Map<String, Float64Tensor> parameters,
            BiFunction<GradientTape, Map<String, Tensor>, Tensor> loss, double tolerance) {
        Float64Ops ops = new Float64Ops();
        Map<String, Tensor> sources = new LinkedHashMap<>(parameters);
        Map<String, Tensor> analytic;
        try (GradientTape tape = GradientTape.on(ops, ops)) {
            analytic = tape.gradient(loss.apply(tape, sources), sources);
        }
        for (Map.Entry<String, Float64Tensor> p : parameters.entrySet()) {
            Float64Tensor numeric = FiniteDifferences.gradient(p.getValue(), () -> value(ops, ops, sources, loss));
            FiniteDifferences.assertMatches(what + " " + p.getKey(), analytic.get(p.getKey()), numeric, tolerance);
        }
    }

    /** The loss in float64, computed on a fresh tape. */
    static double value(Ops ops, GradientOps gradients, Map<String, Tensor> sources,
            BiFunction<GradientTape, Map<String, Tensor>, Tensor> loss) {
        try (GradientTape tape = GradientTape.on(ops, gradients)) {
            return scalar(loss.apply(tape, sources));
        }
    }

    /** The float64 value of a scalar recorded on a tape over {@link Float64Ops}. */
    static double scalar(Tensor recorded) {
        return ((Float64Tensor) ((TapeTensor) recorded).value()).values()[0];
    }
}
