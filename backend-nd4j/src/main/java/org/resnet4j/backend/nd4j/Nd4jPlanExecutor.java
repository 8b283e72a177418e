package org.resnet4j.backend.nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.resnet4j.plan.OpKind;
import org.resnet4j.plan.OpPlan;
import org.resnet4j.plan.PlanLiveness;
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
 *
 * <p>Convolutions run on oneDNN 3.11 with packed kernels where {@link Nd4jPackedConvolutions} are given: there a
 * convolution whose result the next step adds to a residual (a ResNet block's last convolution) writes the sum,
 * and the ReLU after it, over the residual's array in the same pass, when neither value is read afterwards.
 */
final class Nd4jPlanExecutor {
    private final Nd4jOps ops;
    private final Nd4jArrayPool pool;
    private final Function<String, Tensor> weights;
    private final Nd4jPackedConvolutions convolutions;

    /**
     * @param ops          ops that take their results from {@code pool}
     * @param pool         where results come from and dead values go back to
     * @param weights      the uploaded tensor of each weight a step names
     * @param convolutions oneDNN 3.11's convolutions, or {@code null} for libnd4j's
     */
    Nd4jPlanExecutor(Nd4jOps ops, Nd4jArrayPool pool, Function<String, Tensor> weights,
            Nd4jPackedConvolutions convolutions) {
        this.ops = ops;
        this.pool = pool;
        this.weights = weights;
        this.convolutions = convolutions;
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
                int last = convolutions != null && step.op() == OpKind.CONV2D ? convolveDirectly(plan, i, values)
                        : -1;
                if (last < 0) {
                    values[step.output().value()] = compute(step, values);
                    last = i;
                }
                for (; i <= last; i++) {
                    for (int released : plan.liveness().releasedAfter(i)) {
                        recycle(values[released]);
                        values[released] = null;
                    }
                }
                i = last;
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

    /**
     * Computes step {@code i}, a convolution, on oneDNN 3.11, together with step {@code i + 1} where that adds the
     * result to a residual ({@link #residualAddedAfter}). Returns the last step computed, {@code -1} when oneDNN
     * took none.
     */
    private int convolveDirectly(OpPlan plan, int i, Tensor[] values) {
        PlanStep conv = plan.steps().get(i);
        INDArray x = ((Nd4jTensor) read(conv.input(0), values)).array();
        String name = conv.weight(0).name();
        INDArray w = ((Nd4jTensor) weight(conv, 0)).array();
        Tensor bias = weight(conv, 1);
        INDArray b = bias == null ? null : ((Nd4jTensor) bias).array();
        int residual = residualAddedAfter(plan, i);
        if (residual >= 0) {
            PlanStep add = plan.steps().get(i + 1);
            Tensor target = values[residual];
            if (target.shape().equals(conv.output().shape()) && convolutions.convolve(x, name, w, b,
                    conv.conv2dOptions(), ((Nd4jTensor) target).array(), true, add.fusedRelu())) {
                values[residual] = null;
                values[add.output().value()] = target;
                return i + 1;
            }
        }
        long[] dims = Arrays.stream(conv.output().shape().toArray()).asLongStream().toArray();
        INDArray out = pool.take(dims);
        if (convolutions.convolve(x, name, w, b, conv.conv2dOptions(), out, false, conv.fusedRelu())) {
            values[conv.output().value()] = new Nd4jTensor(out);
            return i;
        }
        pool.give(out);
        return -1;
    }

    /**
     * The value that step {@code i + 1} adds to the result of step {@code i}, a convolution without a fused ReLU,
     * when the convolution may write the sum over it: both read with the convolution's output shape, the residual
     * not the convolution's own input, and neither read after the addition except as its result (which the
     * addition wrote over one of them); {@code -1} otherwise.
     */
    private static int residualAddedAfter(OpPlan plan, int i) {
        List<PlanStep> steps = plan.steps();
        PlanStep conv = steps.get(i);
        if (i + 1 >= steps.size() || conv.fusedRelu() || steps.get(i + 1).op() != OpKind.ADD) {
            return -1;
        }
        PlanStep add = steps.get(i + 1);
        int result = conv.output().value();
        int first = add.input(0).value();
        int second = add.input(1).value();
        int residual = first == result ? second : second == result ? first : -1;
        boolean sameShapes = add.input(0).shape().equals(conv.output().shape())
                && add.input(1).shape().equals(conv.output().shape());
        if (residual < 0 || residual == result || residual == conv.input(0).value() || !sameShapes) {
            return -1;
        }
        PlanLiveness liveness = plan.liveness();
        int sum = add.output().value();
        boolean resultDies = sum == result || liveness.lastStep(result) == i + 1;
        boolean residualDies = sum == residual || liveness.lastStep(residual) == i + 1;
        return resultDies && residualDies ? residual : -1;
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

    /** Hands {@code t}'s array back to the pool; nothing for {@code null} (a value a fused step never made). */
    private void recycle(Tensor t) {
        Nd4jTensor nd = (Nd4jTensor) t;
        if (nd != null && !nd.isClosed()) {
            pool.give(nd.release());
        }
    }
}
