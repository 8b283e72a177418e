package org.resnet4j.backend.nd4j;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * oneDNN primitives kept by shape for the life of the JVM ({@link Nd4jOneDnnConvolution},
 * {@link Nd4jOneDnnKernelGradient}, {@link Nd4jOneDnnInputGradient}, {@link Nd4jOneDnnBatchNorm}): creating them costs more than running them, and a network has few shapes. At most
 * {@code limit} keys are kept; beyond that a shape's primitives are created for one call and destroyed after it.
 * Safe for concurrent use.
 *
 * @param <K> a shape's key
 * @param <P> its primitives
 */
final class Nd4jKeptPrimitives<K, P> {
    private final Map<K, P> kept = new ConcurrentHashMap<>();
    private final int limit;
    private final Consumer<P> destroy;

    Nd4jKeptPrimitives(int limit, Consumer<P> destroy) {
        this.limit = limit;
        this.destroy = destroy;
    }

    /**
     * {@code key}'s kept primitives, else new ones from {@code create} (kept if there is room); {@code null} when
     * {@code create} refuses the shape. Hand them to {@link #release} after the call.
     */
    P take(K key, Function<K, P> create) {
        P primitives = kept.get(key);
        if (primitives != null) {
            return primitives;
        }
        primitives = create.apply(key);
        if (primitives != null && kept.size() < limit) {
            P raced = kept.putIfAbsent(key, primitives);
            if (raced != null) {
                destroy.accept(primitives);
                return raced;
            }
        }
        return primitives;
    }

    /** Destroys {@code primitives}, taken for {@code key}, unless they are kept. */
    void release(K key, P primitives) {
        if (kept.get(key) != primitives) {
            destroy.accept(primitives);
        }
    }
}
