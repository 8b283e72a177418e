package org.resnet4j.plan;

import org.resnet4j.tensor.DType;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * What the layers hold while a model is traced: either a value of the plan (a model input or a step's result,
 * {@code weight == null}) or a weight, a parameter or an uploaded constant ({@code value == -1}), with the shape
 * the layer sees.
 *
 * @param value  the value's number, or -1 for a weight
 * @param weight the weight's name ({@link PlanWeight#name()}), or {@code null} for a value
 * @param shape  the shape
 */
record TracedTensor(int value, String weight, Shape shape) implements Tensor {
    static TracedTensor value(int value, Shape shape) {
        return new TracedTensor(value, null, shape);
    }

    static TracedTensor weight(String name, Shape shape) {
        return new TracedTensor(-1, name, shape);
    }

    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    /** Nothing to free: when a value dies is worked out from the steps, not from when layers close handles. */
    @Override
    public void close() {
    }
}
