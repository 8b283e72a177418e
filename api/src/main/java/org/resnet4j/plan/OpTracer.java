package org.resnet4j.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.resnet4j.ops.ArgumentErrors;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.ElementwiseShapes;
import org.resnet4j.ops.LayoutShapes;
import org.resnet4j.ops.MatrixShapes;
import org.resnet4j.ops.NormalizationShapes;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.PoolingShapes;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * An {@link Ops} that computes nothing: each call records a {@link PlanStep} and returns a {@link TracedTensor}
 * of the result's shape. {@link OpPlanner} runs a model's {@code forward} on it once per set of input shapes.
 * Each op's output shape comes from the api's shape rule ({@link ConvolutionShapes}, {@link PoolingShapes}, ...),
 * so a model the rules refuse fails while it is planned with the message every backend gives.
 * A constant a layer uploads becomes a weight, named by the planner.
 */
final class OpTracer implements Ops {
    /** Who makes the tensors this tracer accepts, in {@link ArgumentErrors#foreignTensor}'s wording. */
    static final String TRACE = "the op planner's trace";

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
        PlanOperand x = read(input, "conv2d");
        List<PlanWeight> w = weights("conv2d", true, kernel, bias);
        Shape out = ConvolutionShapes.conv2d(x.shape(), kernel.shape(), bias == null ? null : bias.shape(), options);
        return record(OpKind.CONV2D, List.of(x), w, out, options);
    }

    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        PlanOperand x = read(input, "batchNorm");
        List<PlanWeight> w = weights("batchNorm", false, gamma, beta, mean, variance);
        Shape out = NormalizationShapes.batchNorm(x.shape(), gamma.shape(), beta.shape(), mean.shape(),
                variance.shape(), epsilon);
        return record(OpKind.BATCH_NORM, List.of(x), w, out, epsilon);
    }

    @Override
    public Tensor relu(Tensor input) {
        PlanOperand x = read(input, "relu");
        return record(OpKind.RELU, List.of(x), List.of(), ElementwiseShapes.relu(x.shape()), null);
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        PlanOperand x = read(a, "add");
        PlanOperand y = read(b, "add");
        return record(OpKind.ADD, List.of(x, y), List.of(), ElementwiseShapes.add(x.shape(), y.shape()), null);
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        PlanOperand x = read(input, "maxPool");
        return record(OpKind.MAX_POOL, List.of(x), List.of(), PoolingShapes.maxPool(x.shape(), options), options);
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        PlanOperand x = read(input, "avgPool");
        return record(OpKind.AVG_POOL, List.of(x), List.of(), PoolingShapes.avgPool(x.shape(), options), options);
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        PlanOperand x = read(input, "globalAvgPool");
        return record(OpKind.GLOBAL_AVG_POOL, List.of(x), List.of(), PoolingShapes.globalAvgPool(x.shape()), null);
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        PlanOperand x = read(input, "zeroPad");
        return record(OpKind.ZERO_PAD, List.of(x), List.of(), LayoutShapes.zeroPad(x.shape(), padding), padding);
    }

    /** The same value seen with another shape: no step, no memory. */
    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        PlanOperand x = read(input, "reshape");
        return TracedTensor.value(x.value(), LayoutShapes.reshape(x.shape(), shape));
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        PlanOperand x = read(input, "dense");
        List<PlanWeight> w = weights("dense", true, kernel, bias);
        Shape out = MatrixShapes.dense(x.shape(), kernel.shape(), bias == null ? null : bias.shape());
        return record(OpKind.DENSE, List.of(x), w, out, null);
    }

    @Override
    public Tensor softmax(Tensor input) {
        PlanOperand x = read(input, "softmax");
        return record(OpKind.SOFTMAX, List.of(x), List.of(), MatrixShapes.softmax(x.shape()), null);
    }

    /** The identity at inference: the same value, no step. */
    @Override
    public Tensor dropout(Tensor input, float rate) {
        PlanOperand x = read(input, "dropout");
        return TracedTensor.value(x.value(), ElementwiseShapes.dropout(x.shape(), rate));
    }

    private Tensor record(OpKind op, List<PlanOperand> inputs, List<PlanWeight> weights, Shape out, Object options) {
        PlanOperand output = new PlanOperand(valueCount++, out);
        steps.add(new PlanStep(op, inputs, weights, output, options, false));
        return TracedTensor.value(output.value(), out);
    }

    /** {@code t} as a value the step reads; a weight or a foreign tensor there cannot be planned. */
    private static PlanOperand read(Tensor t, String op) {
        if (!(t instanceof TracedTensor traced)) {
            throw ArgumentErrors.foreignTensor(op, TRACE, t);
        }
        if (traced.weight() == null) {
            return new PlanOperand(traced.value(), t.shape());
        }
        throw new IllegalArgumentException(op + " expected a value computed by the model as its input while the "
                + "model is planned, received: " + describe(traced));
    }

    /**
     * {@code tensors} as weights; where {@code lastIsBias}, a {@code null} last one (an absent bias) stays
     * {@code null}, any other {@code null} is refused as a tensor the trace did not make.
     */
    private static List<PlanWeight> weights(String op, boolean lastIsBias, Tensor... tensors) {
        PlanWeight[] weights = new PlanWeight[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            Tensor t = tensors[i];
            if (t == null && lastIsBias && i == tensors.length - 1) {
                continue;
            }
            if (!(t instanceof TracedTensor traced)) {
                throw ArgumentErrors.foreignTensor(op, TRACE, t);
            }
            if (traced.weight() == null) {
                throw new IllegalArgumentException(op + " expected a parameter or a constant as its weight while the "
                        + "model is planned, received: " + describe(traced));
            }
            weights[i] = new PlanWeight(traced.weight(), t.shape());
        }
        return Arrays.asList(weights);
    }

    private static String describe(TracedTensor t) {
        return t.weight() == null ? "the computed value #" + t.value() + t.shape()
                : "the weight " + t.weight() + t.shape();
    }
}
