package org.resnet4j.plan;

import org.resnet4j.tensor.Shape;

/**
 * A weight a step reads: a parameter of the planned model ({@link OpPlanner#model()}) by full name, or a constant a
 * layer uploaded while the model was traced ({@code "constant#0"}, ...); {@link OpPlanner#weight} gives its data.
 *
 * @param name  the parameter's full name, for example {@code "conv1/kernel"}, or the constant's name
 * @param shape its shape
 */
public record PlanWeight(String name, Shape shape) {
    @Override
    public String toString() {
        return name;
    }
}
