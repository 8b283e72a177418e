package org.resnet4j.tck;

import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.DenseGradients;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The oracle of the backward primitives: {@link GradientOps} over {@link HostTensor}s (float32, like
 * {@link ReferenceOps}), computed in float64 by the plain loops that {@link Float64Ops} runs, and rounded once at the
 * end. In-place updates (moving statistics, optimizer steps) write their results back into the float32 arrays.
 * Backends are tested against it.
 */
public final class ReferenceGradients implements GradientOps {
    private final Float64Ops loops = new Float64Ops();

    @Override
    public Conv2dGradients conv2dBackward(Tensor outputGradient, Tensor input, Tensor kernel, Conv2dOptions options,
            boolean inputGradient) {
        Conv2dGradients g = loops.conv2dBackward(wide(outputGradient, "conv2dBackward", "outputGradient"),
                wide(input, "conv2dBackward", "input"), wide(kernel, "conv2dBackward", "kernel"), options,
                inputGradient);
        return new Conv2dGradients(g.input() == null ? null : narrow(g.input()), narrow(g.kernel()));
    }

    @Override
    public Tensor biasBackward(Tensor outputGradient) {
        return narrow(loops.biasBackward(wide(outputGradient, "biasBackward", "outputGradient")));
    }

    @Override
    public DenseGradients denseBackward(Tensor outputGradient, Tensor input, Tensor kernel) {
        DenseGradients g = loops.denseBackward(wide(outputGradient, "denseBackward", "outputGradient"),
                wide(input, "denseBackward", "input"), wide(kernel, "denseBackward", "kernel"));
        return new DenseGradients(narrow(g.input()), narrow(g.kernel()));
    }

    @Override
    public BatchNormTraining batchNormTraining(Tensor input, Tensor gamma, Tensor beta, Tensor movingMean,
            Tensor movingVariance, float epsilon, float momentum) {
        String op = "batchNormTraining";
        Float64Tensor mean = wide(movingMean, op, "movingMean");
        Float64Tensor variance = wide(movingVariance, op, "movingVariance");
        BatchNormTraining r = loops.batchNormTraining(wide(input, op, "input"), wide(gamma, op, "gamma"),
                wide(beta, op, "beta"), mean, variance, epsilon, momentum);
        writeBack(mean, movingMean);
        writeBack(variance, movingVariance);
        return new BatchNormTraining(narrow(r.output()), narrow(r.mean()), narrow(r.variance()));
    }

    @Override
    public BatchNormGradients batchNormBackward(Tensor outputGradient, Tensor input, Tensor gamma, Tensor batchMean,
            Tensor batchVariance, float epsilon) {
        String op = "batchNormBackward";
        BatchNormGradients g = loops.batchNormBackward(wide(outputGradient, op, "outputGradient"),
                wide(input, op, "input"), wide(gamma, op, "gamma"), wide(batchMean, op, "batchMean"),
                wide(batchVariance, op, "batchVariance"), epsilon);
        return new BatchNormGradients(narrow(g.input()), narrow(g.gamma()), narrow(g.beta()));
    }

    @Override
    public Tensor reluBackward(Tensor outputGradient, Tensor output) {
        return narrow(loops.reluBackward(wide(outputGradient, "reluBackward", "outputGradient"),
                wide(output, "reluBackward", "output")));
    }

    @Override
    public Tensor maxPoolBackward(Tensor outputGradient, Tensor input, PoolOptions options) {
        return narrow(loops.maxPoolBackward(wide(outputGradient, "maxPoolBackward", "outputGradient"),
                wide(input, "maxPoolBackward", "input"), options));
    }

    @Override
    public Tensor avgPoolBackward(Tensor outputGradient, Shape inputShape, PoolOptions options) {
        return narrow(loops.avgPoolBackward(wide(outputGradient, "avgPoolBackward", "outputGradient"), inputShape,
                options));
    }

    @Override
    public Tensor globalAvgPoolBackward(Tensor outputGradient, Shape inputShape) {
        return narrow(loops.globalAvgPoolBackward(wide(outputGradient, "globalAvgPoolBackward", "outputGradient"),
                inputShape));
    }

    @Override
    public Tensor zeroPadBackward(Tensor outputGradient, Padding.Explicit padding) {
        return narrow(loops.zeroPadBackward(wide(outputGradient, "zeroPadBackward", "outputGradient"), padding));
    }

    @Override
    public Tensor softmaxBackward(Tensor outputGradient, Tensor output) {
        return narrow(loops.softmaxBackward(wide(outputGradient, "softmaxBackward", "outputGradient"),
                wide(output, "softmaxBackward", "output")));
    }

    @Override
    public Tensor multiply(Tensor a, Tensor b) {
        return narrow(loops.multiply(wide(a, "multiply", "a"), wide(b, "multiply", "b")));
    }

    @Override
    public LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets) {
        LossAndGradient r = loops.softmaxCrossEntropy(wide(logits, "softmaxCrossEntropy", "logits"),
                wide(targets, "softmaxCrossEntropy", "targets"));
        return new LossAndGradient(narrow(r.loss()), narrow(r.gradient()));
    }

    @Override
    public LossAndGradient categoricalCrossEntropy(Tensor probabilities, Tensor targets, float epsilon) {
        LossAndGradient r = loops.categoricalCrossEntropy(
                wide(probabilities, "categoricalCrossEntropy", "probabilities"),
                wide(targets, "categoricalCrossEntropy", "targets"), epsilon);
        return new LossAndGradient(narrow(r.loss()), narrow(r.gradient()));
    }

    @Override
    public void applySgd(Tensor parameter, Tensor gradient, Tensor velocity, SgdUpdate update) {
        Float64Tensor w = wide(parameter, "applySgd", "parameter");
        Float64Tensor v = velocity == null ? null : wide(velocity, "applySgd", "velocity");
        loops.applySgd(w, wide(gradient, "applySgd", "gradient"), v, update);
        writeBack(w, parameter);
        if (v != null) {
            writeBack(v, velocity);
        }
    }

    @Override
    public void applyAdam(Tensor parameter, Tensor gradient, Tensor momentum, Tensor velocity, AdamUpdate update) {
        Float64Tensor w = wide(parameter, "applyAdam", "parameter");
        Float64Tensor m = wide(momentum, "applyAdam", "momentum");
        Float64Tensor v = wide(velocity, "applyAdam", "velocity");
        loops.applyAdam(w, wide(gradient, "applyAdam", "gradient"), m, v, update);
        writeBack(w, parameter);
        writeBack(m, momentum);
        writeBack(v, velocity);
    }

    private static Float64Tensor wide(Tensor t, String op, String argument) {
        if (t == null) {
            throw new IllegalArgumentException(op + " expects a tensor for " + argument + ". Received: null");
        }
        if (!(t instanceof HostTensor h)) {
            throw new IllegalArgumentException(op + " on ReferenceGradients expects a HostTensor for " + argument
                    + ". Received: " + t.getClass().getName());
        }
        return Float64Tensor.from(h);
    }

    private static HostTensor narrow(Tensor t) {
        return ((Float64Tensor) t).toHost();
    }

    /** Rounds an in-place result into the caller's float32 tensor. */
    private static void writeBack(Float64Tensor from, Tensor to) {
        float[] target = ((HostTensor) to).data();
        double[] source = from.values();
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) source[i];
        }
    }

    @Override
    public String toString() {
        return "ReferenceGradients";
    }
}
