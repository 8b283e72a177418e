package org.resnet4j.backend.nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.resnet4j.plan.OpPlan;
import org.resnet4j.plan.PlanOperand;
import org.resnet4j.plan.PlanStep;
import org.resnet4j.plan.PlanWeight;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Runs an {@link OpPlan} on ND4J: each step on the compiled model's pooled {@link Nd4jOps}, in-place steps and
 * fused ReLUs by overwriting the array, and every value handed back to the {@link Nd4jArrayPool} after the step
 * the plan's liveness names. A value read with another shape (after a reshape) is read through a view of its
 * array, never a copy. Each call keeps its values in its own array, so concurrent calls share nothing mutable.
 */
final class Nd4jPlanExecutor {
    private final Nd4jOps ops;
    private final Nd4jArrayPool pool;
    private final Function<String, Tensor> weights;

    /**
     * @param ops     ops that take their results from {@code pool}
     * @param pool    where results come from and dead values go back to
     * @param weights the uploaded tensor of each weight a step names
     */
    Nd4jPlanExecutor(Nd4jOps ops, Nd4jArrayPool pool, Function<String, Tensor> weights) {
        this.ops = ops;
        this.pool = pool;
        this.weights = weights;
    }

    /** Runs {@code plan} on {@code batch} (one tensor per model input) and returns the model's outputs. */
    List<HostTensor> run(OpPlan plan, HostTensor[] batch) {
        Tensor[] values = new Tensor[plan.valueCount()];
        try {
            for (int i = 0; i < batch.length; i++) {
                values[plan.inputs().get(i).value()] = ops.upload(batch[i]);
            }
            List<PlanStep> steps = plan.steps();
            for (int i = 0; i < steps.size(); i++) {
                PlanStep step = steps.get(i);
                values[step.output().value()] = compute(step, values);
                for (int released : plan.liveness().releasedAfter(i)) {
                    recycle(values[released]);
                    values[released] = null;
                }
            }
            List<HostTensor> result = new ArrayList<>(plan.outputs().size());
            for (PlanOperand out : plan.outputs()) {
                result.add(ops.download(read(out, values)));
            }
            return result;
        } finally {
            // The inputs, the outputs, and whatever an exception left behind.
            Arrays.stream(values).filter(Objects::nonNull).forEach(this::recycle);
        }
    }

    private Tensor compute(PlanStep step, Tensor[] values) {
        Tensor x = read(step.input(0), values);
        Tensor result = switch (step.op()) {
            case CONV2D -> ops.conv2d(x, weight(step, 0), weight(step, 1), step.conv2dOptions());
            case DENSE -> ops.dense(x, weight(step, 0), weight(step, 1));
            case BATCH_NORM -> ops.batchNorm(x, weight(step, 0), weight(step, 1), weight(step, 2), weight(step, 3),
                    step.epsilon());
            case RELU -> step.inPlace() ? reluInPlace(values[step.input(0).value()]) : ops.relu(x);
            case ADD -> step.inPlace() ? addInPlace(x, read(step.input(1), values), values[step.input(0).value()])
                    : ops.add(x, read(step.input(1), values));
            case MAX_POOL -> ops.maxPool(x, step.poolOptions());
            case AVG_POOL -> ops.avgPool(x, step.poolOptions());
            case GLOBAL_AVG_POOL -> ops.globalAvgPool(x);
            case ZERO_PAD -> ops.zeroPad(x, step.padding());
            case SOFTMAX -> ops.softmax(x);
        };
        return step.fusedRelu() ? reluInPlace(result) : result;
    }

    /** max(x, 0) written over {@code x}'s own array. */
    private static Tensor reluInPlace(Tensor x) {
        INDArray a = ((Nd4jTensor) x).array();
        Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(a).addOutputs(a).addFloatingPointArguments(0.0).build());
        return x;
    }

    /** {@code a += b} through the views the step reads; returns the tensor that owns {@code a}'s array. */
    private static Tensor addInPlace(Tensor a, Tensor b, Tensor owner) {
        ((Nd4jTensor) a).array().addi(((Nd4jTensor) b).array());
        return owner;
    }

    /** The value as the step sees it: its own tensor, or a view of its array with the operand's shape. */
    private static Tensor read(PlanOperand operand, Tensor[] values) {
        Tensor t = values[operand.value()];
        Shape shape = operand.shape();
        if (t.shape().equals(shape)) {
            return t;
        }
        long[] dims = Arrays.stream(shape.toArray()).asLongStream().toArray();
        // A view, not owned: only the value's own tensor ever goes back to the pool.
        return new Nd4jTensor(((Nd4jTensor) t).array().reshape('c', dims));
    }

    private Tensor weight(PlanStep step, int i) {
        PlanWeight w = step.weight(i);
        return w == null ? null : weights.apply(w.name());
    }

    private void recycle(Tensor t) {
        Nd4jTensor nd = (Nd4jTensor) t;
        if (!nd.isClosed()) {
            pool.give(nd.release());
        }
    }
}
