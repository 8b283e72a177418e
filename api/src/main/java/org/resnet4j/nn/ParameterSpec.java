package org.resnet4j.nn;

import org.resnet4j.tensor.Shape;

/**
 * A parameter a layer needs: its short name within the layer (for example {@code "kernel"}), its shape, how
 * it is initialised, and whether training updates it (Keras counts BatchNorm moving statistics as
 * non-trainable).
 */
public record ParameterSpec(String name, Shape shape, Initializer initializer, boolean trainable) {
    /** A trainable parameter. */
    public static ParameterSpec trainable(String name, Shape shape, Initializer initializer) {
        return new ParameterSpec(name, shape, initializer, true);
    }

    /** A parameter training does not update through gradients (BatchNorm moving mean and variance). */
    public static ParameterSpec nonTrainable(String name, Shape shape, Initializer initializer) {
        return new ParameterSpec(name, shape, initializer, false);
    }
}
