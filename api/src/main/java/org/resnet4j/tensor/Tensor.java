package org.resnet4j.tensor;

/**
 * A tensor owned by a backend: device memory, a native array or a node of a graph being built. Only the
 * backend that made it can read it; {@link org.resnet4j.ops.Ops#download} copies it into a {@link HostTensor}.
 * Closing releases its native memory; closing twice is harmless.
 */
public interface Tensor extends AutoCloseable {
    /** The full shape, batch included. */
    Shape shape();

    /** The element type. */
    DType dtype();

    /** Releases native resources; must be idempotent. */
    @Override
    void close();
}
