package org.resnet4j.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;

/**
 * One op of an {@link OpPlan}: what it computes, the values it reads (in the op's argument order), the weights it
 * reads, the value it writes, its options, and two decisions of the planner: whether a ReLU is applied to the
 * result as it is written ({@link #fusedRelu()}) and whether the result overwrites the first input
 * ({@link #inPlace()}). Immutable.
 */
public final class PlanStep {
    private final OpKind op;
    private final List<PlanOperand> inputs;
    private final List<PlanWeight> weights;
    private final PlanOperand output;
    /** Conv2dOptions, PoolOptions, Padding.Explicit or the epsilon (Float), by op; null for the others. */
    private final Object options;
    private final boolean fusedRelu;

    PlanStep(OpKind op, List<PlanOperand> inputs, List<PlanWeight> weights, PlanOperand output, Object options,
            boolean fusedRelu) {
        this.op = op;
        this.inputs = List.copyOf(inputs);
        // An absent bias is a null entry, as in Ops.conv2d and Ops.dense; List.copyOf would refuse it.
        this.weights = Collections.unmodifiableList(new ArrayList<>(weights));
        this.output = output;
        this.options = options;
        this.fusedRelu = fusedRelu;
    }

    /** What this step computes. */
    public OpKind op() {
        return op;
    }

    /** The values read, in the op's argument order (two for {@link OpKind#ADD}, one for every other op). */
    public List<PlanOperand> inputs() {
        return inputs;
    }

    /** {@code inputs().get(i)}. */
    public PlanOperand input(int i) {
        return inputs.get(i);
    }

    /** The weights read, in the order {@link OpKind} lists them; an absent bias is {@code null}. */
    public List<PlanWeight> weights() {
        return weights;
    }

    /** {@code weights().get(i)}: {@code null} for an absent bias. */
    public PlanWeight weight(int i) {
        return weights.get(i);
    }

    /** The value written, with the shape the op computes. */
    public PlanOperand output() {
        return output;
    }

    /** Whether {@code max(x, 0)} is applied to every element of the result as it is written. */
    public boolean fusedRelu() {
        return fusedRelu;
    }

    /**
     * Whether the result is written over the first input ({@code output().value() == input(0).value()}): the
     * planner allows it only for ops that {@link OpKind#mayWriteInPlace} and when nothing reads that input later.
     */
    public boolean inPlace() {
        return output.value() == inputs.get(0).value();
    }

    /** The options of a {@link OpKind#CONV2D} step. */
    public Conv2dOptions conv2dOptions() {
        return option(Conv2dOptions.class, OpKind.CONV2D);
    }

    /** The options of a {@link OpKind#MAX_POOL} or {@link OpKind#AVG_POOL} step. */
    public PoolOptions poolOptions() {
        return option(PoolOptions.class, OpKind.MAX_POOL, OpKind.AVG_POOL);
    }

    /** The padding of a {@link OpKind#ZERO_PAD} step. */
    public Padding.Explicit padding() {
        return option(Padding.Explicit.class, OpKind.ZERO_PAD);
    }

    /** The epsilon of a {@link OpKind#BATCH_NORM} step. */
    public float epsilon() {
        return option(Float.class, OpKind.BATCH_NORM);
    }

    private <T> T option(Class<T> type, OpKind... kinds) {
        if (!Arrays.asList(kinds).contains(op)) {
            throw new IllegalStateException("A " + op + " step has no " + type.getSimpleName() + "; only "
                    + Arrays.toString(kinds) + " steps have one");
        }
        return type.cast(options);
    }

    /** This step with a ReLU applied to its result, which is now {@code newOutput}. */
    PlanStep withFusedRelu(PlanOperand newOutput) {
        return new PlanStep(op, inputs, weights, newOutput, options, true);
    }

    /** This step writing value {@code value} (keeping the output's shape). */
    PlanStep writing(int value) {
        return new PlanStep(op, inputs, weights, new PlanOperand(value, output.shape()), options, fusedRelu);
    }

    /** This step with every value it reads or writes renumbered by {@code rename}. */
    PlanStep renumbered(IntUnaryOperator rename) {
        List<PlanOperand> renamed = new ArrayList<>(inputs.size());
        for (PlanOperand in : inputs) {
            renamed.add(new PlanOperand(rename.applyAsInt(in.value()), in.shape()));
        }
        return new PlanStep(op, renamed, weights,
                new PlanOperand(rename.applyAsInt(output.value()), output.shape()), options, fusedRelu);
    }

    /** For example {@code CONV2D+relu [#0[1, 8, 8, 3]] (c1/kernel, c1/bias) -> #1[1, 8, 8, 4]}. */
    @Override
    public String toString() {
        return op + (fusedRelu ? "+relu" : "") + (inPlace() ? " in place" : "") + " " + inputs
                + (weights.isEmpty() ? "" : weights.stream().map(w -> w == null ? "-" : w.name())
                        .collect(Collectors.joining(", ", " (", ")")))
                + " -> " + output;
    }
}
