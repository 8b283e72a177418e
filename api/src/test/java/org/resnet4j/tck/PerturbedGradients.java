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
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Deliberately wrong backward primitives: {@link Float64Ops}' gradients with one element moved by a small fraction
 * of the gradient's size, for proving that each finite-difference check notices an error that small.
 */
class PerturbedGradients implements GradientOps {
    private final Float64Ops ops = new Float64Ops();

    /** A copy of {@code t} whose first element is off by 1e-3 of the root mean square (plus 1e-6). */
    static Tensor perturb(Tensor t) {
        if (t == null) {
            return null;
        }
        Float64Tensor copy = ((Float64Tensor) t).copy();
        double[] v = copy.values();
        double squares = 0.0;
        for (double x : v) {
            squares += x * x;
        }
        v[0] += 1e-3 * Math.sqrt(squares / v.length) + 1e-6;
        return copy;
    }

    @Override
    public Conv2dGradients conv2dBackward(Tensor outputGradient, Tensor input, Tensor kernel, Conv2dOptions options,
            boolean inputGradient) {
        Conv2dGradients g = ops.conv2dBackward(outputGradient, input, kernel, options, inputGradient);
        return new Conv2dGradients(perturb(g.input()), perturb(g.kernel()));
    }

    @Override
    public Tensor biasBackward(Tensor outputGradient) {
        return perturb(ops.biasBackward(outputGradient));
    }

    @Override
    public DenseGradients denseBackward(Tensor outputGradient, Tensor input, Tensor kernel) {
        DenseGradients g = ops.denseBackward(outputGradient, input, kernel);
        return new DenseGradients(perturb(g.input()), perturb(g.kernel()));
    }

    @Override
    public BatchNormTraining batchNormTraining(Tensor input, Tensor gamma, Tensor beta, Tensor movingMean,
            Tensor movingVariance, float epsilon, float momentum) {
        return ops.batchNormTraining(input, gamma, beta, movingMean, movingVariance, epsilon, momentum);
    }

    @Override
    public BatchNormGradients batchNormBackward(Tensor outputGradient, Tensor input, Tensor gamma, Tensor batchMean,
            Tensor batchVariance, float epsilon) {
        BatchNormGradients g = ops.batchNormBackward(outputGradient, input, gamma, batchMean, batchVariance, epsilon);
        return new BatchNormGradients(perturb(g.input()), perturb(g.gamma()), perturb(g.beta()));
    }

    @Override
    public Tensor reluBackward(Tensor outputGradient, Tensor output) {
        return perturb(ops.reluBackward(outputGradient, output));
    }

    @Override
    public Tensor maxPoolBackward(Tensor outputGradient, Tensor input, PoolOptions options) {
        return perturb(ops.maxPoolBackward(outputGradient, input, options));
    }

    @Override
    public Tensor avgPoolBackward(Tensor outputGradient, Shape inputShape, PoolOptions options) {
        return perturb(ops.avgPoolBackward(outputGradient, inputShape, options));
    }

    @Override
    public Tensor globalAvgPoolBackward(Tensor outputGradient, Shape inputShape) {
        return perturb(ops.globalAvgPoolBackward(outputGradient, inputShape));
    }

    @Override
    public Tensor zeroPadBackward(Tensor outputGradient, Padding.Explicit padding) {
        return perturb(ops.zeroPadBackward(outputGradient, padding));
    }

    @Override
    public Tensor softmaxBackward(Tensor outputGradient, Tensor output) {
        return perturb(ops.softmaxBackward(outputGradient, output));
    }

    @Override
    public Tensor multiply(Tensor a, Tensor b) {
        return perturb(ops.multiply(a, b));
    }

    @Override
    public LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets) {
        LossAndGradient r = ops.softmaxCrossEntropy(logits, targets);
        return new LossAndGradient(r.loss(), perturb(r.gradient()));
    }

    @Override
    public LossAndGradient categoricalCrossEntropy(Tensor probabilities, Tensor targets, float epsilon) {
        LossAndGradient r = ops.categoricalCrossEntropy(probabilities, targets, epsilon);
        return new LossAndGradient(r.loss(), perturb(r.gradient()));
    }

    @Override
    public void applySgd(Tensor parameter, Tensor gradient, Tensor velocity, SgdUpdate update) {
        ops.applySgd(parameter, gradient, velocity, update);
    }

    @Override
    public void applyAdam(Tensor parameter, Tensor gradient, Tensor momentum, Tensor velocity, AdamUpdate update) {
        ops.applyAdam(parameter, gradient, momentum, velocity, update);
    }
}
