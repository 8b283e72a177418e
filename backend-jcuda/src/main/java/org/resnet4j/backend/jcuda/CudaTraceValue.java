package org.resnet4j.backend.jcuda;

import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * A value in a traced model: a model input, a constant (a weight, with its host data and a cache key), or an
 * activation some step writes. Reshapes share the value, so they cost nothing at run time.
 */
final class CudaTraceValue {
    enum Kind { INPUT, CONSTANT, ACTIVATION }

    final int id;
    final Kind kind;
    final Shape shape;
    final HostTensor constant;
    final String key;

    CudaTraceValue(int id, Kind kind, Shape shape, HostTensor constant, String key) {
        this.id = id;
        this.kind = kind;
        this.shape = shape;
        this.constant = constant;
        this.key = key;
    }

    long bytes() {
        return shape.sizeAsLong() * Float.BYTES;
    }

    @Override
    public String toString() {
        return kind + "#" + id + shape + (key == null ? "" : " " + key);
    }
}
