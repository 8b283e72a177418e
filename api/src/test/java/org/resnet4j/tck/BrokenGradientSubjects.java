package org.resnet4j.tck;

import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.GradientShapes;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Training backends with one classic bug each in a backward primitive, run through {@link GradientContract} by
 * {@code GradientContractMetaTest} (through JUnit's EngineTestKit, never directly by surefire: the names do not end
 * in Test) to prove the contract catches them.
 */
final class BrokenGradientSubjects {
    private BrokenGradientSubjects() {
    }

    /** Average-pool backward that divides by the whole window, padding included (the forward op does not). */
    static final class PaddingCountedAvgPoolOps extends ForwardingTrainingOps {
        @Override
        public Tensor avgPoolBackward(Tensor outputGradient, Shape inputShape, PoolOptions options) {
            GradientShapes.poolBackward("avgPoolBackward", outputGradient.shape(), inputShape, options);
            Padding.Explicit pad = options.padding().resolve(inputShape.dim(1), inputShape.dim(2),
                    options.poolHeight(), options.poolWidth(), options.strideHeight(), options.strideWidth());
            Shape padded = Shape.of(inputShape.dim(0), inputShape.dim(1) + pad.top() + pad.bottom(),
                    inputShape.dim(2) + pad.left() + pad.right(), inputShape.dim(3));
            PoolOptions valid = new PoolOptions(options.poolHeight(), options.poolWidth(), options.strideHeight(),
                    options.strideWidth(), Padding.VALID);
            // On the padded input every window is full, so each cell gets 1 / (pool area), padding counted.
            try (Tensor full = super.avgPoolBackward(outputGradient, padded, valid)) {
                return super.zeroPadBackward(full, pad);
            }
        }
    }

    /** Batch norm in training that updates the moving variance with the unbiased batch variance (PyTorch's). */
    static final class UnbiasedMovingVarianceOps extends ForwardingTrainingOps {
        @Override
        public BatchNormTraining batchNormTraining(Tensor input, Tensor gamma, Tensor beta, Tensor movingMean,
                Tensor movingVariance, float epsilon, float momentum) {
            HostTensor variance = (HostTensor) movingVariance;
            HostTensor before = variance.copy();
            BatchNormTraining r = super.batchNormTraining(input, gamma, beta, movingMean, movingVariance, epsilon,
                    momentum);
            int m = input.shape().size() / input.shape().dim(-1);
            float[] batch = ((HostTensor) r.variance()).data();
            for (int c = 0; c < batch.length; c++) {
                variance.data()[c] = (float) (before.data()[c] * momentum
                        + batch[c] * m / (m - 1.0) * (1 - momentum));
            }
            return r;
        }
    }

    /** Convolution backward whose SAME padding puts the odd extra row and column on the top and left. */
    static final class SamePaddingOnTopGradientOps extends ForwardingTrainingOps {
        @Override
        public Conv2dGradients conv2dBackward(Tensor outputGradient, Tensor input, Tensor kernel,
                Conv2dOptions options, boolean inputGradient) {
            if (!(options.padding() instanceof Padding.Same)) {
                return super.conv2dBackward(outputGradient, input, kernel, options, inputGradient);
            }
            // The one bug is the padding, not the checks.
            GradientShapes.conv2dBackward(outputGradient.shape(), input.shape(), kernel.shape(), options);
            Padding.Explicit right = Padding.SAME.resolve(input.shape().dim(1), input.shape().dim(2),
                    kernel.shape().dim(0), kernel.shape().dim(1), options.strideHeight(), options.strideWidth());
            Padding.Explicit wrong = Padding.explicit(right.bottom(), right.top(), right.right(), right.left());
            return super.conv2dBackward(outputGradient, input, kernel,
                    new Conv2dOptions(options.strideHeight(), options.strideWidth(), wrong), inputGradient);
        }
    }

    /** The gradient contract on {@link PaddingCountedAvgPoolOps}. */
    static final class PaddingCountedAvgPoolSubject implements GradientContract {
        @Override
        public BackendProvider provider() {
            return new ReferenceBackendProvider("padding-counted-avg-pool", PaddingCountedAvgPoolOps::new);
        }
    }

    /** The gradient contract on {@link UnbiasedMovingVarianceOps}. */
    static final class UnbiasedMovingVarianceSubject implements GradientContract {
        @Override
        public BackendProvider provider() {
            return new ReferenceBackendProvider("unbiased-moving-variance", UnbiasedMovingVarianceOps::new);
        }
    }

    /** The gradient contract on {@link SamePaddingOnTopGradientOps}. */
    static final class SamePaddingOnTopSubject implements GradientContract {
        @Override
        public BackendProvider provider() {
            return new ReferenceBackendProvider("same-on-top-backward", SamePaddingOnTopGradientOps::new);
        }
    }

    /** The gradient contract on ops that do not train at all. */
    static final class NotTrainingSubject implements GradientContract {
        @Override
        public BackendProvider provider() {
            return new ReferenceBackendProvider("forward-only", ReferenceOps::new);
        }
    }
}
