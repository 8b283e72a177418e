package org.resnet4j.plan;

import org.resnet4j.tensor.Shape;

/**
 * A weight a step reads: a parameter of the planned model ({@link OpPlanner#model()}), by full name.
 *
 * @param name  the parameter's full name, for example {@code "conv1/kernel"}
 * @param shape its shape
 */
public record PlanWeight(String name, Shape shape) {
    @Override
    public String toString() {
        return name;
    }
}
