package org.resnet4j.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.tensor.Tensor;

/**
 * Keras' {@code SGD}: learning rate 0.01, no momentum unless set; with momentum {@code v = momentum * v - lr * g},
 * {@code w += v} (Nesterov: {@code w += momentum * v - lr * g}), which is PyTorch's SGD with the velocity scaled by
 * {@code -lr} (identical for a constant learning rate). Optional decoupled weight decay. State: {@code momentum}.
 */
public final class Sgd extends Optimizer {
    private SgdUpdate settings;

    private Sgd(SgdUpdate settings) {
        this.settings = settings;
    }

    /** Keras' defaults: learning rate 0.01, momentum 0. */
    public static Sgd of() {
        return of(0.01);
    }

    /** Plain gradient descent at {@code learningRate}. */
    public static Sgd of(double learningRate) {
        return new Sgd(new SgdUpdate((float) learningRate, 0f, false, 0f));
    }

    /** The same optimizer with momentum. */
    public Sgd withMomentum(double momentum) {
        return new Sgd(new SgdUpdate(settings.learningRate(), (float) momentum, settings.nesterov(),
                settings.weightDecay()));
    }

    /** The same optimizer with Nesterov momentum (needs a momentum). */
    public Sgd withNesterov() {
        return new Sgd(new SgdUpdate(settings.learningRate(), settings.momentum(), true, settings.weightDecay()));
    }

    /** The same optimizer with decoupled weight decay: {@code w -= lr * decay * w} before each step. */
    public Sgd withWeightDecay(double decay) {
        return new Sgd(new SgdUpdate(settings.learningRate(), settings.momentum(), settings.nesterov(), (float) decay));
    }

    public SgdUpdate settings() {
        return settings;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public double learningRate() {
        return settings.learningRate();
    }

    @Override
    public void setLearningRate(double rate) {
        settings = new SgdUpdate((float) rate, settings.momentum(), settings.nesterov(), settings.weightDecay());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("learning_rate", (double) settings.learningRate());
        config.put("momentum", (double) settings.momentum());
        config.put("nesterov", settings.nesterov());
        config.put("weight_decay", (double) settings.weightDecay());
        return config;
    }

    @Override
    protected List<String> slotNames() {
        return settings.momentum() == 0 ? List.of() : List.of("momentum");
    }

    @Override
    protected void update(GradientOps gradients, Tensor parameter, Tensor gradient, Map<String, Tensor> slots,
            long step) {
        gradients.applySgd(parameter, gradient, slots.get("momentum"), settings);
    }
}
