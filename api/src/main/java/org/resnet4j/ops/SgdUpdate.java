package org.resnet4j.ops;

/**
 * The settings of one {@link GradientOps#applySgd} step.
 *
 * @param learningRate positive
 * @param momentum     in {@code [0, 1)}; 0 for plain gradient descent
 * @param nesterov     Nesterov momentum (needs a positive momentum)
 * @param weightDecay  decoupled weight decay, {@code w -= learningRate * weightDecay * w}; 0 for none
 */
public record SgdUpdate(float learningRate, float momentum, boolean nesterov, float weightDecay) {
    public SgdUpdate {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("SGD expects a positive learning rate. Received: " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD expects a momentum in [0, 1). Received: " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("SGD expects a positive momentum with Nesterov. Received: 0.0");
        }
        if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("SGD expects a weight decay of 0 or more. Received: " + weightDecay);
        }
    }
}
