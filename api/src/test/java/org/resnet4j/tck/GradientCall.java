package org.resnet4j.tck;

import java.util.List;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.tensor.Tensor;

/**
 * Backward primitives applied to uploaded inputs, so that the same call can run on a backend and on the oracle
 * ({@link ReferenceTrainingOps}). Returns the results to compare (an entry may be null: an input gradient that was
 * not asked for); in-place updates are compared through the inputs, which are downloaded after the call.
 */
@FunctionalInterface
public interface GradientCall {
    /** Applies the primitives of {@code gradients} to {@code inputs} (an entry may be null). */
    List<Tensor> apply(GradientOps gradients, Tensor[] inputs);
}
