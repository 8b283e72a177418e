package org.resnet4j.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.tensor.Tensor;

/**
 * Keras' {@code Adam}: learning rate 1e-3, beta_1 0.9, beta_2 0.999, epsilon 1e-7 added to {@code sqrt(v)} after
 * the bias correction has been folded into the step size (Keras' form). PyTorch adds its epsilon (1e-8 by default)
 * to the bias-corrected {@code sqrt(v / (1 - beta_2^t))} instead; {@link #withPyTorchEpsilon()} reproduces that
 * exactly by passing the primitive {@code epsilon * sqrt(1 - beta_2^t)}. Optional decoupled weight decay (Keras'
 * {@code weight_decay}, PyTorch's AdamW). State: {@code momentum} (first moment) and {@code velocity} (second).
 */
public final class Adam extends Optimizer {
    private float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final boolean pyTorchEpsilon;

    private Adam(float learningRate, float beta1, float beta2, float epsilon, float weightDecay,
            boolean pyTorchEpsilon) {
        new AdamUpdate(learningRate, beta1, beta2, epsilon, 1, weightDecay); // validates the settings now
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.pyTorchEpsilon = pyTorchEpsilon;
    }

    /** Keras' defaults: learning rate 1e-3, betas 0.9 and 0.999, epsilon 1e-7. */
    public static Adam of() {
        return new Adam(1e-3f, 0.9f, 0.999f, 1e-7f, 0f, false);
    }

    public Adam withLearningRate(double rate) {
        return new Adam((float) rate, beta1, beta2, epsilon, weightDecay, pyTorchEpsilon);
    }

    public Adam withBetas(double first, double second) {
        return new Adam(learningRate, (float) first, (float) second, epsilon, weightDecay, pyTorchEpsilon);
    }

    public Adam withEpsilon(double newEpsilon) {
        return new Adam(learningRate, beta1, beta2, (float) newEpsilon, weightDecay, pyTorchEpsilon);
    }

    /** Decoupled weight decay: {@code w -= lr * decay * w} before each step (Keras' {@code weight_decay}, AdamW). */
    public Adam withWeightDecay(double decay) {
        return new Adam(learningRate, beta1, beta2, epsilon, (float) decay, pyTorchEpsilon);
    }

    /** Epsilon placed as PyTorch places it, outside the bias-corrected square root (for parity with PyTorch). */
    public Adam withPyTorchEpsilon() {
        return new Adam(learningRate, beta1, beta2, epsilon, weightDecay, true);
    }

    /** The settings of step {@code step} as the primitive receives them. */
    public AdamUpdate settings(long step) {
        float eps = pyTorchEpsilon ? (float) (epsilon * Math.sqrt(1 - Math.pow(beta2, step))) : epsilon;
        return new AdamUpdate(learningRate, beta1, beta2, eps, step, weightDecay);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double rate) {
        new AdamUpdate((float) rate, beta1, beta2, epsilon, 1, weightDecay); // validates the rate
        learningRate = (float) rate;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("learning_rate", (double) learningRate);
        config.put("beta_1", (double) beta1);
        config.put("beta_2", (double) beta2);
        config.put("epsilon", (double) epsilon);
        config.put("weight_decay", (double) weightDecay);
        config.put("pytorch_epsilon", pyTorchEpsilon);
        return config;
    }

    @Override
    protected List<String> slotNames() {
        return List.of("momentum", "velocity");
    }

    @Override
    protected void update(GradientOps gradients, Tensor parameter, Tensor gradient, Map<String, Tensor> slots,
            long step) {
        gradients.applyAdam(parameter, gradient, slots.get("momentum"), slots.get("velocity"), settings(step));
    }
}
