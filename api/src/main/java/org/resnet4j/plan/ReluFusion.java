package org.resnet4j.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rewrite that removes a ReLU step by applying it in the step that computes its input, as that step writes its
 * result ({@link PlanStep#fusedRelu()}): one pass over the activations instead of two. It applies when the input
 * is computed by an op that {@link OpKind#takesFusedRelu() takes a fused ReLU}, is read by the ReLU alone and is
 * not a model output (the caller must see it before the ReLU), and that op has no fused ReLU yet.
 */
final class ReluFusion {
    private ReluFusion() {
    }

    static PlanDraft apply(PlanDraft draft) {
        List<PlanStep> steps = new ArrayList<>(draft.steps());
        Map<Integer, Integer> producer = new HashMap<>();
        Map<Integer, Integer> readingSteps = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            PlanStep s = steps.get(i);
            producer.put(s.output().value(), i);
            s.inputs().stream().mapToInt(PlanOperand::value).distinct()
                    .forEach(v -> readingSteps.merge(v, 1, Integer::sum));
        }
        boolean[] fusedAway = new boolean[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            PlanStep relu = steps.get(i);
            if (relu.op() != OpKind.RELU) {
                continue;
            }
            int x = relu.input(0).value();
            Integer p = producer.get(x);
            if (p == null || readingSteps.get(x) != 1 || draft.pinned(x)) {
                continue;
            }
            PlanStep source = steps.get(p);
            if (source.fusedRelu() || !source.op().takesFusedRelu()) {
                continue;
            }
            steps.set(p, source.withFusedRelu(new PlanOperand(relu.output().value(), source.output().shape())));
            producer.put(relu.output().value(), p);
            fusedAway[i] = true;
        }
        List<PlanStep> kept = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            if (!fusedAway[i]) {
                kept.add(steps.get(i));
            }
        }
        return new PlanDraft(kept, draft.inputs(), draft.outputs(), draft.valueCount());
    }
}
