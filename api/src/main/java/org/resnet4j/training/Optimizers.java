package org.resnet4j.training;

import java.util.Map;

/** Rebuilds an optimizer from the settings {@link Optimizer#config()} wrote, as a checkpoint stores them. */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * The optimizer {@code config} describes: {@code name} {@code "adam"} or {@code "sgd"} and its settings (a
     * missing setting takes Keras' default). Its state starts empty; load it with {@link Optimizer#loadState}.
     */
    public static Optimizer fromConfig(Map<String, ?> config) {
        Object name = config.get("name");
        if ("adam".equals(name)) {
            Adam adam = Adam.of().withLearningRate(number(config, "learning_rate", 1e-3))
                    .withBetas(number(config, "beta_1", 0.9), number(config, "beta_2", 0.999))
                    .withEpsilon(number(config, "epsilon", 1e-7))
                    .withWeightDecay(number(config, "weight_decay", 0));
            return Boolean.TRUE.equals(config.get("pytorch_epsilon")) ? adam.withPyTorchEpsilon() : adam;
        }
        if ("sgd".equals(name)) {
            Sgd sgd = Sgd.of(number(config, "learning_rate", 0.01)).withWeightDecay(number(config, "weight_decay", 0));
            double momentum = number(config, "momentum", 0);
            if (momentum != 0) {
                sgd = sgd.withMomentum(momentum);
            }
            return Boolean.TRUE.equals(config.get("nesterov")) ? sgd.withNesterov() : sgd;
        }
        throw new IllegalArgumentException("Optimizers.fromConfig expects name \"adam\" or \"sgd\". Received: "
                + config);
    }

    private static double number(Map<String, ?> config, String key, double fallback) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("Optimizers.fromConfig expects a number for \"" + key + "\". Received: "
                    + value);
        }
        return n.doubleValue();
    }
}
