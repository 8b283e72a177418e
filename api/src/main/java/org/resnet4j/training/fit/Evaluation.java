package org.resnet4j.training.fit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Trainer#evaluate} returns: the mean loss and the mean of each metric over the samples, in inference
 * mode.
 *
 * @param loss    the loss averaged over the samples
 * @param metrics each metric averaged over the samples, by name
 * @param samples the number of samples evaluated
 */
public record Evaluation(double loss, Map<String, Double> metrics, int samples) {
    /** Copies the metrics, keeping their order. */
    public Evaluation {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The metric named {@code name}; an {@link IllegalArgumentException} naming the metrics otherwise. */
    public double metric(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Evaluation has no metric \"" + name + "\". Metrics: "
                    + metrics.keySet());
        }
        return value;
    }

    /** {@code loss=0.2871 accuracy=0.9123}: the loss and the metrics as {@code name=value}, 4 decimals. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "loss=%.4f", loss));
        metrics.forEach((name, value) -> sb.append(String.format(java.util.Locale.ROOT, " %s=%.4f", name, value)));
        return sb.toString();
    }
}
