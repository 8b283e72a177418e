package org.resnet4j.nn;

import org.resnet4j.tensor.Tensor;

/**
 * Sees the output of every node while a model runs, before the tensor is released: for per-layer comparisons
 * between backends and for finding the first layer that diverges. The tensor must not be closed or kept.
 */
@FunctionalInterface
public interface NodeListener {
    /** Called once per node, in execution order. */
    void onOutput(Node node, Tensor output);
}
