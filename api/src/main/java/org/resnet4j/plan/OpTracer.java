package org.resnet4j.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * An {@link Ops} that computes nothing: each call records a {@link PlanStep} and returns a {@link TracedTensor}
 * of the result's shape. {@link OpPlanner} runs a model's {@code forward} on it once per set of input shapes.
 * Arguments were checked by the layers when the model was built, so only the output shapes are computed here.
 * A constant a layer uploads becomes a weight, named by the planner.
 */
final class OpTracer implements Ops {
    private final List<PlanStep> steps = new ArrayList<>();
    private final Function<HostTensor, String> constants;
    private int valueCount;

    /** @param constants names the data a layer uploads, so that a backend can upload it once as a weight */
    OpTracer(Function<HostTensor, String> constants) {
        this.constants = constants;
    }

    /** A model input of the batched {@code shape}. */
    TracedTensor input(Shape shape) {
        return TracedTensor.value(valueCount++, shape);
    }

    /** The steps recorded so far, in call order. */
    List<PlanStep> steps() {
        return steps;
    }

    /** How many values (inputs and results) have been numbered. */
    int valueCount() {
        return valueCount;
    }

    /** A constant (a layer's fixed kernel, for example): a weight the steps may read, never a value. */
    @Override
    public Tensor upload(HostTensor host) {
        return TracedTensor.weight(constants.apply(host), host.shape());
    }

    @Override
    public HostTensor download(Tensor tensor) {
        throw new UnsupportedOperationException("download cannot be planned: values exist only when the plan runs."
                + " Received: a tensor of shape " + tensor.shape());
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options) {
        Shape x = input.shape();
        Shape k = kernel.shape();
        Padding.Explicit p = options.padding().resolve(x.dim(1), x.dim(2), k.dim(0), k.dim(1),
                options.strideHeight(), options.strideWidth());
        Shape out = Shape.of(x.dim(0),
                WindowGeometry.outputSize(x.dim(1), k.dim(0), options.strideHeight(), p.top(), p.bottom()),
                WindowGeometry.outputSize(x.dim(2), k.dim(1), options.strideWidth(), p.left(), p.right()), k.dim(3));
        return record(OpKind.CONV2D, List.of(read(input, "conv2d")), weights("conv2d", kernel, bias), out, options);
    }

    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        return record(OpKind.BATCH_NORM, List.of(read(input, "batchNorm")),
                weights("batchNorm", gamma, beta, mean, variance), input.shape(), epsilon);
    }

    @Override
    public Tensor relu(Tensor input) {
        return record(OpKind.RELU, List.of(read(input, "relu")), List.of(), input.shape(), null);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return record(OpKind.ADD, List.of(read(a, "add"), read(b, "add")), List.of(), a.shape(), null);
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        return record(OpKind.MAX_POOL, List.of(read(input, "maxPool")), List.of(), pooled(input.shape(), options),
                options);
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        return record(OpKind.AVG_POOL, List.of(read(input, "avgPool")), List.of(), pooled(input.shape(), options),
                options);
    }

    private static Shape pooled(Shape x, PoolOptions o) {
        Padding.Explicit p = o.padding().resolve(x.dim(1), x.dim(2), o.poolHeight(), o.poolWidth(),
                o.strideHeight(), o.strideWidth());
        return Shape.of(x.dim(0),
                WindowGeometry.outputSize(x.dim(1), o.poolHeight(), o.strideHeight(), p.top(), p.bottom()),
                WindowGeometry.outputSize(x.dim(2), o.poolWidth(), o.strideWidth(), p.left(), p.right()), x.dim(3));
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        Shape x = input.shape();
        return record(OpKind.GLOBAL_AVG_POOL, List.of(read(input, "globalAvgPool")), List.of(),
                Shape.of(x.dim(0), x.dim(3)), null);
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        Shape x = input.shape();
        Shape out = Shape.of(x.dim(0), x.dim(1) + padding.top() + padding.bottom(),
                x.dim(2) + padding.left() + padding.right(), x.dim(3));
        return record(OpKind.ZERO_PAD, List.of(read(input, "zeroPad")), List.of(), out, padding);
    }

    /** The same value seen with another shape: no step, no memory. */
    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        if (input.shape().sizeAsLong() != shape.sizeAsLong()) {
            throw new IllegalArgumentException("reshape expected a shape of " + input.shape().sizeAsLong()
                    + " elements (the input's " + input.shape() + "), received: shape=" + shape);
        }
        return TracedTensor.value(read(input, "reshape").value(), shape);
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        Shape out = Shape.of(input.shape().dim(0), kernel.shape().dim(1));
        return record(OpKind.DENSE, List.of(read(input, "dense")), weights("dense", kernel, bias), out, null);
    }

    @Override
    public Tensor softmax(Tensor input) {
        return record(OpKind.SOFTMAX, List.of(read(input, "softmax")), List.of(), input.shape(), null);
    }

    /** The identity at inference: the same value, no step. */
    @Override
    public Tensor dropout(Tensor input, float rate) {
        return TracedTensor.value(read(input, "dropout").value(), input.shape());
    }

    private Tensor record(OpKind op, List<PlanOperand> inputs, List<PlanWeight> weights, Shape out, Object options) {
        PlanOperand output = new PlanOperand(valueCount++, out);
        steps.add(new PlanStep(op, inputs, weights, output, options, false));
        return TracedTensor.value(output.value(), out);
    }

    /** {@code t} as a value the step reads; a weight or a foreign tensor there cannot be planned. */
    private static PlanOperand read(Tensor t, String op) {
        if (t instanceof TracedTensor traced && traced.weight() == null) {
            return new PlanOperand(traced.value(), t.shape());
        }
        throw new IllegalArgumentException(op + " expected a value computed by the model as its input while the "
                + "model is planned, received: " + describe(t));
    }

    /** {@code tensors} as weights; {@code null} (an absent bias) stays {@code null}. */
    private static List<PlanWeight> weights(String op, Tensor... tensors) {
        PlanWeight[] weights = new PlanWeight[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            Tensor t = tensors[i];
            if (t == null) {
                continue;
            }
            if (!(t instanceof TracedTensor traced) || traced.weight() == null) {
                throw new IllegalArgumentException(op + " expected a parameter or a constant as its weight while the "
                        + "model is planned, received: " + describe(t));
            }
            weights[i] = new PlanWeight(traced.weight(), t.shape());
        }
        return Arrays.asList(weights);
    }

    private static String describe(Tensor t) {
        if (t instanceof TracedTensor traced) {
            return traced.weight() == null ? "the computed value #" + traced.value() + t.shape()
                    : "the weight " + traced.weight() + t.shape();
        }
        return t == null ? "null" : "a " + t.getClass().getSimpleName() + " of shape " + t.shape();
    }
}
