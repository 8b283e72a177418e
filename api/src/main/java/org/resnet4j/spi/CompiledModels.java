package org.resnet4j.spi;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The models a backend has compiled and not yet closed, so that closing the backend closes them all: the rule
 * "a backend closes every model it compiled", written once. A backend keeps one, builds every compiled model with
 * {@link #track}, and calls {@link #closeAll()} in its {@code close()} before it frees anything the models use.
 */
public final class CompiledModels {
    private final Set<AbstractCompiledModel> open = ConcurrentHashMap.newKeySet();
    private final Lifecycle lifecycle;

    /** @param backendName the backend's name, for the error a compilation after {@link #closeAll()} gets */
    public CompiledModels(String backendName) {
        this.lifecycle = new Lifecycle(() -> "Backend \"" + backendName + "\" is closed; it cannot compile models");
    }

    /**
     * Runs {@code compiler} and keeps the model it builds until the model or this registry is closed. Throws an
     * {@link IllegalStateException} once {@link #closeAll()} has run; {@link #closeAll()} waits for a compilation in
     * flight, so the backend does not free its context under it.
     */
    public <M extends AbstractCompiledModel> M track(Supplier<M> compiler) {
        return lifecycle.whileOpen(() -> {
            M model = compiler.get();
            model.whenClosed(() -> open.remove(model));
            open.add(model);
            return model;
        });
    }

    /**
     * Closes every model still open (each waits for its own predictions in flight) and refuses new ones. Closes
     * them all even if one fails; the first failure is rethrown with the others suppressed. Idempotent.
     */
    public void closeAll() {
        lifecycle.close(() -> {
            RuntimeException failure = null;
            for (AbstractCompiledModel model : List.copyOf(open)) {
                try {
                    model.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            open.clear();
            if (failure != null) {
                throw failure;
            }
        });
    }

    /** How many models are compiled and not closed. */
    public int openCount() {
        return open.size();
    }
}
