package org.resnet4j.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rewrite that lets a step write its result over its first input: it saves one buffer and one pass over fresh
 * memory. It applies to ops that {@link OpKind#mayWriteInPlace() may write in place} when that input is read by no
 * later step, is neither a model input nor a model output, and is not also another input of the same step. The
 * step's result then keeps the input's value number, so every later reader and the liveness see one value.
 */
final class InPlaceWrites {
    private InPlaceWrites() {
    }

    static PlanDraft apply(PlanDraft draft) {
        List<PlanStep> steps = draft.steps();
        int[] lastReader = new int[draft.valueCount()];
        Arrays.fill(lastReader, -1);
        for (int i = 0; i < steps.size(); i++) {
            for (PlanOperand in : steps.get(i).inputs()) {
                lastReader[in.value()] = i;
            }
        }
        // renamed[v]: the value number v's contents live under after the rewrites so far.
        int[] renamed = new int[draft.valueCount()];
        Arrays.setAll(renamed, v -> v);
        List<PlanStep> rewritten = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            PlanStep original = steps.get(i);
            PlanStep step = original.renumbered(v -> renamed[v]);
            if (original.op().mayWriteInPlace() && overwritable(original, step, i, lastReader, draft)) {
                int target = step.input(0).value();
                renamed[original.output().value()] = target;
                step = step.writing(target);
            }
            rewritten.add(step);
        }
        List<PlanOperand> outputs = draft.outputs().stream()
                .map(out -> new PlanOperand(renamed[out.value()], out.shape())).toList();
        return new PlanDraft(rewritten, draft.inputs(), outputs, draft.valueCount());
    }

    /**
     * Whether step {@code i} may overwrite its first input. Only the newest name of a value can have readers
     * left (an older name was last read where it was overwritten), so the original numbers decide.
     */
    private static boolean overwritable(PlanStep original, PlanStep step, int i, int[] lastReader,
            PlanDraft draft) {
        int first = original.input(0).value();
        if (lastReader[first] != i || draft.pinned(first)) {
            return false;
        }
        for (int k = 1; k < step.inputs().size(); k++) {
            if (step.input(k).value() == step.input(0).value()) {
                return false;
            }
        }
        return true;
    }
}
