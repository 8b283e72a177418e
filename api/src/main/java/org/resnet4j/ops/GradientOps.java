package org.resnet4j.ops;

import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The backward primitives a backend implements so that models can be trained on it: one per forward op whose
 * gradient cannot be written with other ops, the two softmax cross-entropies, and the in-place optimizer updates.
 * The reverse-mode tape ({@code org.resnet4j.autodiff.GradientTape}) is written once over these; a backend supplies
 * primitives, never its own autodiff.
 *
 * <p>Layouts and conventions are those of {@link Ops}: NHWC images, HWIO kernels, {@code [in, out]} dense kernels,
 * float32 tensors; every result is a new handle the caller owns. A gradient argument ({@code outputGradient}) has
 * the shape of the forward op's output; each returned gradient has the shape of the forward argument it belongs
 * to. Shape rules are {@link GradientShapes}': an implementation checks them there so that every backend rejects
 * the same arguments with the same message.
 *
 * <p>An {@link Ops} that can train implements this interface too; {@link #require(Ops)} says "training not
 * supported" for one that does not.
 */
public interface GradientOps {

    /**
     * The {@link Ops} itself as {@code GradientOps}, or a {@link TrainingNotSupportedException} naming it when its
     * backend has no backward primitives.
     */
    static GradientOps require(Ops ops) {
        if (ops instanceof GradientOps gradients) {
            return gradients;
        }
        throw new TrainingNotSupportedException(String.valueOf(ops));
    }

    /**
     * Gradients of {@link Ops#conv2d} with respect to its input and kernel (the bias: {@link #biasBackward}).
     *
     * @param outputGradient {@code [n, oh, ow, cout]}
     * @param input          the forward input {@code [n, h, w, cin]}
     * @param kernel         the forward kernel {@code [kh, kw, cin, cout]}
     * @param inputGradient  whether to compute the input's gradient (a network's first convolution needs none)
     * @return the kernel's gradient, and the input's or {@code null}
     */
    Conv2dGradients conv2dBackward(Tensor outputGradient, Tensor input, Tensor kernel, Conv2dOptions options,
            boolean inputGradient);

    /** Gradient of a bias added on the last axis (convolution or dense): the sum over every other axis, {@code [c]}. */
    Tensor biasBackward(Tensor outputGradient);

    /**
     * Gradients of {@link Ops#dense} with respect to its input ({@code outputGradient x kernel^T}) and kernel
     * ({@code input^T x outputGradient}); the bias: {@link #biasBackward}.
     */
    DenseGradients denseBackward(Tensor outputGradient, Tensor input, Tensor kernel);

    /**
     * Batch normalisation in training mode over every axis but the last: normalises with the batch mean and the
     * biased batch variance ({@code sum((x - mean)^2) / m}, {@code m} the number of values per channel), and
     * updates the moving statistics in place as Keras does:
     * {@code moving = moving * momentum + batch * (1 - momentum)}, the moving variance with the biased batch
     * variance.
     *
     * @return the output and the batch statistics {@link #batchNormBackward} needs
     */
    BatchNormTraining batchNormTraining(Tensor input, Tensor gamma, Tensor beta, Tensor movingMean,
            Tensor movingVariance, float epsilon, float momentum);

    /**
     * Gradients of {@link #batchNormTraining} with respect to its input, gamma and beta; the batch statistics are
     * those it returned (a function of the input, which the input's gradient accounts for).
     */
    BatchNormGradients batchNormBackward(Tensor outputGradient, Tensor input, Tensor gamma, Tensor batchMean,
            Tensor batchVariance, float epsilon);

    /** Gradient of {@link Ops#relu}: {@code outputGradient} where the forward output is positive, else 0. */
    Tensor reluBackward(Tensor outputGradient, Tensor output);

    /**
     * Gradient of {@link Ops#maxPool}: each output cell's gradient goes to the input cell that won its window; on a
     * tie, the first in row-major window order (as TensorFlow and PyTorch pick it).
     */
    Tensor maxPoolBackward(Tensor outputGradient, Tensor input, PoolOptions options);

    /** Gradient of {@link Ops#avgPool}: each output cell's gradient shared equally by the input cells it averaged. */
    Tensor avgPoolBackward(Tensor outputGradient, Shape inputShape, PoolOptions options);

    /** Gradient of {@link Ops#globalAvgPool}: {@code [n, c] -> [n, h, w, c]}, each cell {@code 1 / (h * w)} of it. */
    Tensor globalAvgPoolBackward(Tensor outputGradient, Shape inputShape);

    /** Gradient of {@link Ops#zeroPad}: the output gradient without the padded border. */
    Tensor zeroPadBackward(Tensor outputGradient, Padding.Explicit padding);

    /** Gradient of {@link Ops#softmax}: {@code y * (dy - sum(dy * y))} per row, from the forward output {@code y}. */
    Tensor softmaxBackward(Tensor outputGradient, Tensor output);

    /** Elementwise product of two tensors of the same shape: applies (and back-propagates) a dropout mask. */
    Tensor multiply(Tensor a, Tensor b);

    /**
     * Softmax cross-entropy from logits, averaged over the batch:
     * {@code mean_i(-sum_j targets[i, j] * log(softmax(logits[i])[j]))}.
     *
     * @param logits  {@code [n, classes]}
     * @param targets {@code [n, classes]}, each row a probability distribution (one-hot for class labels)
     * @return the scalar loss (shape {@code []}) and its gradient with respect to the logits
     */
    LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets);

    /**
     * Categorical cross-entropy on probabilities as Keras computes it, averaged over the batch: each row is divided
     * by its sum, clipped to {@code [epsilon, 1 - epsilon]}, and {@code -sum(targets * log(p))} is taken.
     * Clipped cells get no gradient.
     *
     * @return the scalar loss (shape {@code []}) and its gradient with respect to the probabilities
     */
    LossAndGradient categoricalCrossEntropy(Tensor probabilities, Tensor targets, float epsilon);

    /**
     * One SGD step in place, in Keras' form: with momentum {@code v = momentum * v - lr * g}, then
     * {@code w += v} (or {@code w += momentum * v - lr * g} with Nesterov); without, {@code w -= lr * g}. Weight
     * decay, when set, first shrinks the parameter: {@code w -= lr * decay * w}.
     *
     * @param velocity the momentum state, updated in place; {@code null} when momentum is 0
     */
    void applySgd(Tensor parameter, Tensor gradient, Tensor velocity, SgdUpdate update);

    /**
     * One Adam step in place, in Keras' form (epsilon outside the bias-corrected square root):
     * {@code m += (g - m) * (1 - beta1)}, {@code v += (g^2 - v) * (1 - beta2)},
     * {@code w -= lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon)}, {@code t} the 1-based step.
     * Weight decay, when set, first shrinks the parameter: {@code w -= lr * decay * w}.
     *
     * @param momentum the first moment {@code m}, updated in place
     * @param velocity the second moment {@code v}, updated in place
     */
    void applyAdam(Tensor parameter, Tensor gradient, Tensor momentum, Tensor velocity, AdamUpdate update);
}
