package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.resnet4j.spi.SettingValues;

/**
 * The execution plans of one compiled model, keyed by input shapes, at most {@link #capacity()} of them, the least
 * recently used dropped first. Each batch size gets a plan with its own activation arena on the GPU; without a
 * bound, a server fed every batch size from 1 to 64 would keep 64 arenas. A dropped plan is released at once (its
 * arena freed) and rebuilt if its shapes come back. Not thread-safe: the compiled model calls it under the
 * context's lock.
 *
 * @param <K> what identifies a plan (the input shapes)
 * @param <P> the plan
 */
final class CudaPlanCache<K, P> {
    /** The system property that sets the bound: {@code -Dresnet4j.jcuda.maxPlans=N}, N at least 1. */
    static final String CAPACITY_PROPERTY = "resnet4j.jcuda.maxPlans";
    /** Plans kept per compiled model when the property is not set: a few batch sizes in use at once. */
    static final int DEFAULT_CAPACITY = 4;

    private final int capacity;
    private final Consumer<P> release;
    // Access order: get() moves a plan to the end, so the first entry is always the least recently used.
    private final LinkedHashMap<K, P> plans = new LinkedHashMap<>(16, 0.75f, true);

    /** @param release frees a plan that is dropped or cleared */
    CudaPlanCache(int capacity, Consumer<P> release) {
        if (capacity < 1) {
            throw new IllegalArgumentException("CudaPlanCache expects a capacity of at least 1. Received: " + capacity);
        }
        this.capacity = capacity;
        this.release = release;
    }

    /** A cache bounded by {@link #CAPACITY_PROPERTY}, else {@link #DEFAULT_CAPACITY}. */
    static <K, P> CudaPlanCache<K, P> fromSystemProperty(Consumer<P> release) {
        return new CudaPlanCache<>(capacity(System.getProperty(CAPACITY_PROPERTY)), release);
    }

    /** The bound a property value gives: {@code null} or blank means the default. */
    static int capacity(String propertyValue) {
        return SettingValues.wholeInt(propertyValue, "-D" + CAPACITY_PROPERTY, 1, "a whole number of plans, at least 1")
                .orElse(DEFAULT_CAPACITY);
    }

    /**
     * The plan for {@code key}: the kept one, now the most recently used, or a new one from {@code build}. When the
     * cache is full, the least recently used plan is released before the new one is built, so the GPU never holds
     * more than {@link #capacity()} arenas of this model.
     */
    P get(K key, Function<K, P> build) {
        P plan = plans.get(key);
        if (plan != null) {
            return plan;
        }
        while (plans.size() >= capacity) {
            Iterator<P> eldest = plans.values().iterator();
            P dropped = eldest.next();
            eldest.remove();
            release.accept(dropped);
        }
        plan = build.apply(key);
        plans.put(key, plan);
        return plan;
    }

    /** Releases every plan; the cache is empty afterwards. */
    void clear() {
        List<P> all = new ArrayList<>(plans.values());
        plans.clear();
        all.forEach(release);
    }

    /** The kept keys, least recently used first. */
    List<K> keys() {
        return List.copyOf(plans.keySet());
    }

    int capacity() {
        return capacity;
    }
}
