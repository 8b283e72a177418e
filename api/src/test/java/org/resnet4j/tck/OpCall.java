package org.resnet4j.tck;

import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Tensor;

/** One op applied to uploaded inputs, so the same call can run on a backend and on {@link ReferenceOps}. */
@FunctionalInterface
public interface OpCall {
    /** Applies the op on {@code ops} to {@code inputs} (an entry may be null, e.g. an absent bias). */
    Tensor apply(Ops ops, Tensor[] inputs);
}
