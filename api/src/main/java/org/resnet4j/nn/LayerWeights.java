package org.resnet4j.nn;

import org.resnet4j.tensor.Tensor;

/** The backend tensors of one layer's parameters, looked up by their short name ({@code "kernel"}, {@code "gamma"}). */
@FunctionalInterface
public interface LayerWeights {
    /** The tensor of the parameter named {@code shortName} of the layer being run. */
    Tensor get(String shortName);
}
