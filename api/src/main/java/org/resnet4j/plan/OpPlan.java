package org.resnet4j.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.resnet4j.tensor.Shape;

/**
 * A model planned for one set of batched input shapes: its {@link PlanStep}s in execution order, where the
 * model's inputs go in and its outputs come out, the shape of every value, and the values' {@link PlanLiveness}.
 * Values are numbered densely from 0, inputs first, then in the order steps write them. Immutable, so one plan
 * serves any number of concurrent calls.
 */
public final class OpPlan {
    private final List<PlanStep> steps;
    private final List<PlanOperand> inputs;
    private final List<PlanOperand> outputs;
    private final List<Shape> valueShapes;
    private final PlanLiveness liveness;

    private OpPlan(List<PlanStep> steps, List<PlanOperand> inputs, List<PlanOperand> outputs,
            List<Shape> valueShapes) {
        this.steps = List.copyOf(steps);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.valueShapes = List.copyOf(valueShapes);
        this.liveness = new PlanLiveness(this.steps, this.inputs, this.outputs, valueShapes.size());
    }

    /** The plan of a rewritten draft, with the value numbers that rewrites left unused squeezed out. */
    static OpPlan of(PlanDraft draft) {
        int[] number = new int[draft.valueCount()];
        Arrays.fill(number, -1);
        List<Shape> shapes = new ArrayList<>();
        for (PlanOperand in : draft.inputs()) {
            if (number[in.value()] < 0) {
                number[in.value()] = shapes.size();
                shapes.add(in.shape());
            }
        }
        for (PlanStep s : draft.steps()) {
            if (number[s.output().value()] < 0) {
                number[s.output().value()] = shapes.size();
                shapes.add(s.output().shape());
            }
        }
        List<PlanStep> steps = draft.steps().stream().map(s -> s.renumbered(v -> number[v])).toList();
        return new OpPlan(steps, renumbered(draft.inputs(), number), renumbered(draft.outputs(), number), shapes);
    }

    private static List<PlanOperand> renumbered(List<PlanOperand> operands, int[] number) {
        return operands.stream().map(o -> new PlanOperand(number[o.value()], o.shape())).toList();
    }

    /** The steps, in the order they run. */
    public List<PlanStep> steps() {
        return steps;
    }

    /** Where the model's inputs go, in the model's input order, with their batched shapes. */
    public List<PlanOperand> inputs() {
        return inputs;
    }

    /** Where the model's outputs are read, in the model's output order, with the shapes the model returns. */
    public List<PlanOperand> outputs() {
        return outputs;
    }

    /** How many values the plan has (numbered 0 to {@code valueCount() - 1}). */
    public int valueCount() {
        return valueShapes.size();
    }

    /** The shape {@code value} is written with; every shape it is read with has as many elements. */
    public Shape valueShape(int value) {
        return valueShapes.get(value);
    }

    /** When each value holds memory. */
    public PlanLiveness liveness() {
        return liveness;
    }

    /** One line per step, then the outputs: for reading a plan in a test or a debugger. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("inputs ").append(inputs).append('\n');
        for (int i = 0; i < steps.size(); i++) {
            text.append(i).append(": ").append(steps.get(i)).append('\n');
        }
        return text.append("outputs ").append(outputs).append('\n').toString();
    }
}
