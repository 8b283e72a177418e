package org.resnet4j.tck;

import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.DenseGradients;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Ops that can train, made of forward ops and backward primitives that pass every call to their delegates;
 * subclasses override one primitive to build a deliberately broken training backend.
 */
class ForwardingTrainingOps extends ForwardingOps implements GradientOps {
    protected final GradientOps gradients;

    ForwardingTrainingOps(Ops forward, GradientOps gradients) {
        super(forward);
        this.gradients = gradients;
    }

    /** Over the oracles, {@link ReferenceOps} and {@link ReferenceGradients}: where every broken trainer starts. */
    ForwardingTrainingOps() {
        this(new ReferenceOps(), new ReferenceGradients());
    }

    @Override
    public Conv2dGradients conv2dBackward(Tensor outputGradient, Tensor input, Tensor kernel, Conv2dOptions options,
            boolean inputGradient) {
        return gradients.conv2dBackward(outputGradient, input, kernel, options, inputGradient);
    }

    @Override
    public Tensor biasBackward(Tensor outputGradient) {
        return gradients.biasBackward(outputGradient);
    }

    @Override
    public DenseGradients denseBackward(Tensor outputGradient, Tensor input, Tensor kernel) {
        return gradients.denseBackward(outputGradient, input, kernel);
    }

    @Override
    public BatchNormTraining batchNormTraining(Tensor input, Tensor gamma, Tensor beta, Tensor movingMean,
            Tensor movingVariance, float epsilon, float momentum) {
        return gradients.batchNormTraining(input, gamma, beta, movingMean, movingVariance, epsilon, momentum);
    }

    @Override
    public BatchNormGradients batchNormBackward(Tensor outputGradient, Tensor input, Tensor gamma, Tensor batchMean,
            Tensor batchVariance, float epsilon) {
        return gradients.batchNormBackward(outputGradient, input, gamma, batchMean, batchVariance, epsilon);
    }

    @Override
    public Tensor reluBackward(Tensor outputGradient, Tensor output) {
        return gradients.reluBackward(outputGradient, output);
    }

    @Override
    public Tensor maxPoolBackward(Tensor outputGradient, Tensor input, PoolOptions options) {
        return gradients.maxPoolBackward(outputGradient, input, options);
    }

    @Override
    public Tensor avgPoolBackward(Tensor outputGradient, Shape inputShape, PoolOptions options) {
        return gradients.avgPoolBackward(outputGradient, inputShape, options);
    }

    @Override
    public Tensor globalAvgPoolBackward(Tensor outputGradient, Shape inputShape) {
        return gradients.globalAvgPoolBackward(outputGradient, inputShape);
    }

    @Override
    public Tensor zeroPadBackward(Tensor outputGradient, Padding.Explicit padding) {
        return gradients.zeroPadBackward(outputGradient, padding);
    }

    @Override
    public Tensor softmaxBackward(Tensor outputGradient, Tensor output) {
        return gradients.softmaxBackward(outputGradient, output);
    }

    @Override
    public Tensor multiply(Tensor a, Tensor b) {
        return gradients.multiply(a, b);
    }

    @Override
    public LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets) {
        return gradients.softmaxCrossEntropy(logits, targets);
    }

    @Override
    public LossAndGradient categoricalCrossEntropy(Tensor probabilities, Tensor targets, float epsilon) {
        return gradients.categoricalCrossEntropy(probabilities, targets, epsilon);
    }

    @Override
    public void applySgd(Tensor parameter, Tensor gradient, Tensor velocity, SgdUpdate update) {
        gradients.applySgd(parameter, gradient, velocity, update);
    }

    @Override
    public void applyAdam(Tensor parameter, Tensor gradient, Tensor momentum, Tensor velocity, AdamUpdate update) {
        gradients.applyAdam(parameter, gradient, momentum, velocity, update);
    }
}
