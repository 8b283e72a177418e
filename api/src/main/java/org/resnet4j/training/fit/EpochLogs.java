package org.resnet4j.training.fit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results of one epoch, as {@link Callback#onEpochEnd} receives them.
 *
 * @param epoch        the epoch (0-based)
 * @param values       Keras' logs: {@code loss}, each metric, and with validation {@code val_loss} and
 *                     {@code val_METRIC}, in that order
 * @param learningRate the optimizer's learning rate at the end of the epoch
 * @param seconds      the epoch's wall time, validation included
 */
public record EpochLogs(int epoch, Map<String, Double> values, double learningRate, double seconds) {
    /** Copies the values, keeping their order. */
    public EpochLogs {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value logged as {@code name}; an {@link IllegalArgumentException} naming the logged keys otherwise. */
    public double get(String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Epoch logs have no \"" + name + "\". Logged: " + values.keySet());
        }
        return value;
    }
}
