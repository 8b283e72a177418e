package org.resnet4j.tensor;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every tensor handle shares: its shape, a closed flag that flips once however many threads close it, and the
 * error a use after close gets. A subclass says only what closing frees ({@link #free()}) and calls
 * {@link #checkOpen()} before it hands out its native memory.
 */
public abstract class AbstractTensor implements Tensor {
    private final Shape shape;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A handle on a tensor of {@code shape}. */
    protected AbstractTensor(Shape shape) {
        this.shape = shape;
    }

    @Override
    public final Shape shape() {
        return shape;
    }

    /** Float32, the element type of every backend; a tensor of another type overrides this. */
    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    /** True once {@link #close()} (or a subclass's hand-over of its memory) has run. */
    public final boolean isClosed() {
        return closed.get();
    }

    /** Throws the use-after-close error once this tensor is closed, so a use after free is an exception, not a crash. */
    protected final void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is read after it was closed");
        }
    }

    /**
     * Marks this tensor closed; true only for the call that closed it. A subclass that hands its memory to another
     * owner instead of freeing it calls this rather than {@link #close()}.
     */
    protected final boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    /** Frees what this tensor holds, the first time only; closing again is harmless. */
    @Override
    public final void close() {
        if (markClosed()) {
            free();
        }
    }

    /** Releases the native memory; called once, by the first {@link #close()}. */
    protected abstract void free();

    /** The class and the shape, for example {@code HostTensor[1, 2]}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + shape;
    }
}
