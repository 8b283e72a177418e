package org.resnet4j.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * When each value of an {@link OpPlan} holds memory: from the step that writes it (step 0 for a model input,
 * which is written before the first step) to the last step that reads it ({@code steps().size()} for a model
 * output, which the caller reads after the last step). A backend that frees memory as it runs releases the
 * values {@link #releasedAfter listed for each step}; one that plans all memory ahead gives values whose
 * lifetimes do not meet the same bytes.
 */
public final class PlanLiveness {
    private final int[] firstStep;
    private final int[] lastStep;
    private final List<List<Integer>> releasedAfter;

    PlanLiveness(List<PlanStep> steps, List<PlanOperand> inputs, List<PlanOperand> outputs, int valueCount) {
        firstStep = new int[valueCount];
        lastStep = new int[valueCount];
        Arrays.fill(firstStep, Integer.MAX_VALUE);
        Arrays.fill(lastStep, -1);
        for (PlanOperand in : inputs) {
            extend(in.value(), 0);
        }
        for (int i = 0; i < steps.size(); i++) {
            for (PlanOperand in : steps.get(i).inputs()) {
                if (firstStep[in.value()] == Integer.MAX_VALUE) {
                    throw new IllegalStateException("Value #" + in.value() + " is read by step " + i + " ("
                            + steps.get(i) + ") before any step writes it");
                }
                extend(in.value(), i);
            }
            extend(steps.get(i).output().value(), i);
        }
        for (PlanOperand out : outputs) {
            extend(out.value(), steps.size());
        }
        boolean[] pinned = new boolean[valueCount];
        inputs.forEach(in -> pinned[in.value()] = true);
        outputs.forEach(out -> pinned[out.value()] = true);
        List<List<Integer>> released = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            released.add(new ArrayList<>());
        }
        for (int v = 0; v < valueCount; v++) {
            if (!pinned[v] && lastStep[v] >= 0) {
                released.get(lastStep[v]).add(v);
            }
        }
        this.releasedAfter = released.stream().map(List::copyOf).toList();
    }

    private void extend(int value, int step) {
        firstStep[value] = Math.min(firstStep[value], step);
        lastStep[value] = Math.max(lastStep[value], step);
    }

    /** The first step during which {@code value} holds memory: the step that writes it, 0 for a model input. */
    public int firstStep(int value) {
        return firstStep[value];
    }

    /**
     * The last step during which {@code value} must keep its contents: the last step that reads it (or writes it,
     * when nothing reads it), {@code steps().size()} for a model output.
     */
    public int lastStep(int value) {
        return lastStep[value];
    }

    /**
     * The values nothing reads after step {@code step}, so their memory may be reused from the next step on. Model
     * inputs and outputs belong to the caller and are never listed.
     */
    public List<Integer> releasedAfter(int step) {
        return releasedAfter.get(step);
    }
}
