package org.resnet4j.autodiff;

import java.util.IdentityHashMap;
import java.util.Map;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Tensor;

/**
 * The gradients of the backward pass, keyed by the tensor they belong to. A gradient may be held under several
 * keys (an Add passes its output gradient to both branches), so each is reference-counted and closed when its last
 * holder lets go; a second gradient arriving for a key is summed into the first (fan-out).
 */
final class GradientAccumulator implements AutoCloseable {
    private final Ops ops;
    private final Map<Tensor, Tensor> gradients = new IdentityHashMap<>();
    private final Map<Tensor, Integer> references = new IdentityHashMap<>();

    GradientAccumulator(Ops ops) {
        this.ops = ops;
    }

    /** Adds {@code gradient} to what {@code key} has received so far. */
    void add(Tensor key, Tensor gradient) {
        Tensor previous = gradients.get(key);
        if (previous == null) {
            gradients.put(key, gradient);
            retain(gradient);
            return;
        }
        Tensor sum = ops.add(previous, gradient);
        gradients.put(key, sum);
        retain(sum);
        release(previous);
        releaseIfUnheld(gradient);
    }

    /** Removes and returns {@code key}'s gradient, or {@code null}; the caller holds one reference to it. */
    Tensor take(Tensor key) {
        return gradients.remove(key);
    }

    /** Whether {@code gradient} is held anywhere but by the caller that took it. */
    boolean heldElsewhere(Tensor gradient) {
        return references.getOrDefault(gradient, 0) > 1;
    }

    /** Lets go of one reference; the last one closes the tensor. */
    void release(Tensor gradient) {
        int left = references.merge(gradient, -1, Integer::sum);
        if (left <= 0) {
            references.remove(gradient);
            gradient.close();
        }
    }

    /** Closes a fresh gradient nobody kept (for example one summed into an earlier gradient). */
    void releaseIfUnheld(Tensor gradient) {
        if (!references.containsKey(gradient)) {
            gradient.close();
        }
    }

    /** Gives up the caller's reference without closing: the tensor now belongs to someone else. */
    void handOver(Tensor gradient) {
        int left = references.merge(gradient, -1, Integer::sum);
        if (left <= 0) {
            references.remove(gradient);
        }
    }

    private void retain(Tensor gradient) {
        references.merge(gradient, 1, Integer::sum);
    }

    /** Closes every gradient still held (after an error, or ones nobody asked for). */
    @Override
    public void close() {
        for (Tensor t : references.keySet()) {
            t.close();
        }
        references.clear();
        gradients.clear();
    }
}
