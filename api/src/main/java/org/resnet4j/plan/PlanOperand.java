package org.resnet4j.plan;

import org.resnet4j.tensor.Shape;

/**
 * A value a step reads or writes, with the shape the op sees it as. Values are numbered {@code 0} to
 * {@link OpPlan#valueCount()} {@code - 1}; a reshape gives the same value another shape, so the shape here may
 * differ from the value's shape when it was written (the number of elements never does).
 *
 * @param value the value's number
 * @param shape the batched shape the op sees
 */
public record PlanOperand(int value, Shape shape) {
    @Override
    public String toString() {
        return "#" + value + shape;
    }
}
