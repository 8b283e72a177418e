package org.resnet4j.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Test helper: runs an {@link OpPlan} on the plain-loop {@link ReferenceOps} the way a backend with its own memory
 * would, and makes every planning mistake visible in the results: an in-place step really overwrites its input's
 * array, and a value is filled with NaN as soon as the liveness releases it (as if a later step reused its
 * memory). A value read after its release, or overwritten while still needed, spoils the outputs.
 */
final class PoisoningPlanRunner {
    private final ReferenceOps ops = new ReferenceOps();
    private final Function<String, HostTensor> weights;

    /** @param weights the data of each weight a step names ({@link OpPlanner#weight}) */
    PoisoningPlanRunner(Function<String, HostTensor> weights) {
        this.weights = weights;
    }

    List<HostTensor> run(OpPlan plan, List<HostTensor> inputs) {
        HostTensor[] values = new HostTensor[plan.valueCount()];
        for (int i = 0; i < inputs.size(); i++) {
            values[plan.inputs().get(i).value()] = inputs.get(i).copy();
        }
        for (int i = 0; i < plan.steps().size(); i++) {
            PlanStep step = plan.steps().get(i);
            HostTensor result = compute(step, values);
            if (step.fusedRelu()) {
                result = (HostTensor) ops.relu(result);
            }
            if (step.inPlace()) {
                float[] target = values[step.output().value()].data();
                System.arraycopy(result.data(), 0, target, 0, target.length);
            } else {
                values[step.output().value()] = result;
            }
            for (int released : plan.liveness().releasedAfter(i)) {
                Arrays.fill(values[released].data(), Float.NaN);
            }
        }
        List<HostTensor> outputs = new ArrayList<>();
        for (PlanOperand out : plan.outputs()) {
            outputs.add(values[out.value()].reshape(out.shape()).copy());
        }
        return outputs;
    }

    private HostTensor compute(PlanStep step, HostTensor[] values) {
        HostTensor x = read(step.input(0), values);
        return (HostTensor) switch (step.op()) {
            case CONV2D -> ops.conv2d(x, weight(step, 0), weight(step, 1), step.conv2dOptions());
            case DENSE -> ops.dense(x, weight(step, 0), weight(step, 1));
            case BATCH_NORM -> ops.batchNorm(x, weight(step, 0), weight(step, 1), weight(step, 2), weight(step, 3),
                    step.epsilon());
            case RELU -> ops.relu(x);
            case ADD -> ops.add(x, read(step.input(1), values));
            case MAX_POOL -> ops.maxPool(x, step.poolOptions());
            case AVG_POOL -> ops.avgPool(x, step.poolOptions());
            case GLOBAL_AVG_POOL -> ops.globalAvgPool(x);
            case ZERO_PAD -> ops.zeroPad(x, step.padding());
            case SOFTMAX -> ops.softmax(x);
        };
    }

    private static HostTensor read(PlanOperand operand, HostTensor[] values) {
        Shape shape = operand.shape();
        HostTensor value = values[operand.value()];
        return value.shape().equals(shape) ? value : value.reshape(shape);
    }

    private HostTensor weight(PlanStep step, int i) {
        PlanWeight w = step.weight(i);
        return w == null ? null : weights.apply(w.name());
    }
}
