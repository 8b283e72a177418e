package org.resnet4j.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The weights of one model, on the JVM heap: full parameter name ({@code layer/param}, for example
 * {@code conv1_conv/kernel}) to {@link HostTensor}. It is the single source of truth that every backend
 * uploads from, so that all backends compute with bit-identical weights. Every name and shape is fixed by the
 * model; {@link #set} refuses anything else.
 *
 * <p>The values are filled from the model's seed when they are first read or written, not when the model is built:
 * building ResNet-152 only to count its parameters or print its summary would otherwise spend most of its time
 * drawing 60 million random numbers.
 */
public final class ParameterStore {
    private final Map<String, ParameterSpec> specs;
    private final Map<String, HostTensor> values = new LinkedHashMap<>();
    /** The seed the values will be filled with on first use; {@code null} once they exist. */
    private Long pendingSeed;

    ParameterStore(Map<String, ParameterSpec> specsByFullName, long initialSeed) {
        this.specs = Collections.unmodifiableMap(new LinkedHashMap<>(specsByFullName));
        this.pendingSeed = initialSeed;
    }

    /**
     * Fills every parameter from one {@link Random} seeded with {@code seed}, in the model's parameter order.
     * {@code java.util.Random} is specified to the bit, so the same seed gives the same weights on every JVM.
     */
    public synchronized void initialize(long seed) {
        Random rng = new Random(seed);
        for (Map.Entry<String, ParameterSpec> e : specs.entrySet()) {
            ParameterSpec spec = e.getValue();
            HostTensor value = HostTensor.zeros(spec.shape());
            spec.initializer().fill(value.data(), spec.shape(), rng);
            values.put(e.getKey(), value);
        }
        pendingSeed = null;
    }

    /** Fills the values from the pending seed if nothing has been read, written or initialised yet. */
    private void materialize() {
        if (pendingSeed != null) {
            initialize(pendingSeed);
        }
    }

    /** The full names, in the model's order. */
    public Set<String> names() {
        return specs.keySet();
    }

    /** The declaration of parameter {@code name}. */
    public ParameterSpec spec(String name) {
        ParameterSpec s = specs.get(name);
        if (s == null) {
            throw unknown(name);
        }
        return s;
    }

    /** The current value of parameter {@code name} (the stored tensor itself, not a copy). */
    public synchronized HostTensor get(String name) {
        materialize();
        HostTensor t = values.get(name);
        if (t == null) {
            throw unknown(name);
        }
        return t;
    }

    /** Replaces the value of parameter {@code name}; its shape must be the declared one. */
    public synchronized void set(String name, HostTensor value) {
        ParameterSpec s = spec(name);
        if (!s.shape().equals(value.shape())) {
            throw new IllegalArgumentException("Parameter " + name + " expects shape " + s.shape() + ". Received: shape="
                    + value.shape());
        }
        // The others keep the values the seed gives them, as if they had been filled when the model was built.
        materialize();
        values.put(name, value);
    }

    /** A read-only view of every value, in the model's order. */
    public synchronized Map<String, HostTensor> asMap() {
        materialize();
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Number of scalars in all parameters. */
    public long count() {
        return specs.values().stream().mapToLong(s -> s.shape().sizeAsLong()).sum();
    }

    /** Number of scalars in trainable parameters. */
    public long trainableCount() {
        return specs.values().stream().filter(ParameterSpec::trainable).mapToLong(s -> s.shape().sizeAsLong()).sum();
    }

    private IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("Unknown parameter \"" + name + "\". This model has " + specs.size()
                + " parameters" + (specs.isEmpty() ? "" : ", for example " + specs.keySet().iterator().next()));
    }

    /** Shape of parameter {@code name}. */
    public Shape shape(String name) {
        return spec(name).shape();
    }
}
