package org.resnet4j.plan;

import java.util.List;

/**
 * A plan while the planner rewrites it: the steps, the model's inputs and outputs, and how many value numbers are
 * in use (numbers freed by a rewrite are not reused until {@link OpPlan} renumbers the values).
 *
 * @param steps      the steps in execution order
 * @param inputs     the model's inputs, in the model's order
 * @param outputs    the model's outputs, in the model's order, with the shapes the model returns
 * @param valueCount one more than the highest value number
 */
record PlanDraft(List<PlanStep> steps, List<PlanOperand> inputs, List<PlanOperand> outputs, int valueCount) {
    PlanDraft {
        steps = List.copyOf(steps);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Whether {@code value} is a model input or output: the caller's, so never overwritten nor freed early. */
    boolean pinned(int value) {
        return inputs.stream().anyMatch(in -> in.value() == value)
                || outputs.stream().anyMatch(out -> out.value() == value);
    }
}
