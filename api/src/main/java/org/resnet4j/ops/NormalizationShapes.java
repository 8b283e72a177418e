package org.resnet4j.ops;

import static org.resnet4j.ops.ArgumentErrors.expects;
import static org.resnet4j.ops.ArgumentErrors.shape;

import org.resnet4j.tensor.Shape;

/** The shape rule of {@link Ops#batchNorm}. */
public final class NormalizationShapes {
    private static final String OP = "batchNorm";

    private NormalizationShapes() {
    }

    /**
     * Checks a batch normalisation's arguments and returns its output shape (the input's). In order: input of
     * rank at least 1 (channels on the last axis), then gamma, beta, mean and variance each of shape {@code [c]},
     * then the epsilon (finite, at least 0).
     */
    public static Shape batchNorm(Shape input, Shape gamma, Shape beta, Shape mean, Shape variance, float epsilon) {
        if (input.rank() < 1) {
            throw expects(OP, "an input of rank at least 1 (channels on the last axis)", shape("input", input));
        }
        int channels = input.dim(-1);
        ShapeChecks.vector(OP, "gamma", gamma, channels, "the input's last axis");
        ShapeChecks.vector(OP, "beta", beta, channels, "the input's last axis");
        ShapeChecks.vector(OP, "mean", mean, channels, "the input's last axis");
        ShapeChecks.vector(OP, "variance", variance, channels, "the input's last axis");
        // 0 is allowed here (the formula stays defined while every variance is positive); the layer asks for more
        if (!(epsilon >= 0 && Float.isFinite(epsilon))) {
            throw expects(OP, "a finite epsilon of at least 0", "epsilon=" + epsilon);
        }
        return input;
    }
}
