package org.resnet4j.training.fit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code History}: one value per epoch for every log ({@code loss}, metrics, {@code val_loss},
 * {@code val_METRIC}) plus {@code learning_rate} and {@code seconds}; {@link Trainer#fit} records into a new one and
 * returns it.
 */
public final class History implements Callback {
    /** The key of the learning rate at the end of each epoch. */
    public static final String LEARNING_RATE = "learning_rate";
    /** The key of each epoch's wall time in seconds. */
    public static final String SECONDS = "seconds";

    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    @Override
    public void onEpochEnd(Trainer trainer, EpochLogs logs) {
        epochs.add(logs.epoch());
        logs.values().forEach((key, value) -> values.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
        values.computeIfAbsent(LEARNING_RATE, k -> new ArrayList<>()).add(logs.learningRate());
        values.computeIfAbsent(SECONDS, k -> new ArrayList<>()).add(logs.seconds());
    }

    /** The epochs recorded (0-based; starting at the initial epoch when resuming). */
    public List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Every series by key, in the order first logged (Keras' {@code history.history}). */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((key, list) -> copy.put(key, List.copyOf(list)));
        return Collections.unmodifiableMap(copy);
    }

    /** The values of {@code key}, one per epoch; an {@link IllegalArgumentException} naming the keys otherwise. */
    public List<Double> get(String key) {
        List<Double> list = values.get(key);
        if (list == null) {
            throw new IllegalArgumentException("History has no \"" + key + "\". Keys: " + values.keySet());
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return "History" + values;
    }
}
