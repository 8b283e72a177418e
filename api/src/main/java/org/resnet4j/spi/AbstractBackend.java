package org.resnet4j.spi;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.resnet4j.nn.Model;

/**
 * A backend's fixed part: its name, and the lifecycle rule that closing it closes every model it compiled (through
 * {@link CompiledModels}) before it frees its own resources, once. A backend says only how it compiles a model
 * ({@link #compileModel}), what its ops are, and what it frees ({@link #release()}).
 */
public abstract class AbstractBackend implements Backend {
    private final String name;
    private final CompiledModels compiled;
    private final AtomicBoolean released = new AtomicBoolean();

    /** A backend called {@code name}, the name of its provider. */
    protected AbstractBackend(String name) {
        this.name = name;
        this.compiled = new CompiledModels(name);
    }

    @Override
    public final String name() {
        return name;
    }

    /** None beyond the primitives, unless a backend says otherwise. */
    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    /** Builds the model with {@link #compileModel} and keeps it, to close it with this backend. */
    @Override
    public final CompiledModel compile(Model model) {
        return compiled.track(() -> compileModel(model));
    }

    /** This backend's compiled form of {@code model}. */
    protected abstract AbstractCompiledModel compileModel(Model model);

    /** Closes every model this backend compiled, then, the first time only, {@link #release()}s. */
    @Override
    public final void close() {
        compiled.closeAll();
        if (released.compareAndSet(false, true)) {
            release();
        }
    }

    /** Frees what the backend itself holds, after its models are closed; nothing by default. */
    protected void release() {
        // nothing of its own to free
    }
}
