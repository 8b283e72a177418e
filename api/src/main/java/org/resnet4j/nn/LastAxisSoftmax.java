package org.resnet4j.nn;

import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** Softmax over the last axis of a tensor of any rank, built on the rank-2 {@link Ops#softmax}. */
final class LastAxisSoftmax {
    private LastAxisSoftmax() {
    }

    static Tensor apply(Ops ops, Tensor input) {
        Shape shape = input.shape();
        if (shape.rank() == 2) {
            return ops.softmax(input);
        }
        int classes = shape.dim(-1);
        try (Tensor rows = ops.reshape(input, Shape.of(shape.size() / classes, classes));
                Tensor soft = ops.softmax(rows)) {
            return ops.reshape(soft, shape);
        }
    }

    /** Softmax needs a last axis: a per-sample shape of rank at least 1. */
    static Shape check(Layer layer, Shape in) {
        if (in.rank() < 1) {
            throw layer.shapeError("input of rank at least 1 per sample (softmax runs over the last axis)", in);
        }
        return in;
    }
}
