package org.resnet4j.ops;

/**
 * The settings of one {@link GradientOps#applyAdam} step.
 *
 * @param learningRate positive
 * @param beta1        decay of the first moment, in {@code [0, 1)}
 * @param beta2        decay of the second moment, in {@code [0, 1)}
 * @param epsilon      added to {@code sqrt(v)} (Keras' form), positive
 * @param step         the 1-based number of this step, for the bias correction
 * @param weightDecay  decoupled weight decay, {@code w -= learningRate * weightDecay * w}; 0 for none
 */
public record AdamUpdate(float learningRate, float beta1, float beta2, float epsilon, long step, float weightDecay) {
    public AdamUpdate {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Adam expects a positive learning rate. Received: " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam expects beta_1 and beta_2 in [0, 1). Received: " + beta1 + ", "
                    + beta2);
        }
        if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Adam expects a positive epsilon. Received: " + epsilon);
        }
        if (step < 1) {
            throw new IllegalArgumentException("Adam expects a step of 1 or more. Received: " + step);
        }
        if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("Adam expects a weight decay of 0 or more. Received: " + weightDecay);
        }
    }
}
