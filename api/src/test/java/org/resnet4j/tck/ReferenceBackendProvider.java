package org.resnet4j.tck;

import java.util.function.Supplier;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/**
 * Makes {@link ReferenceBackend}s, each over new ops: for contract tests that need a backend of their own (to close
 * it, for example). Always available; not registered as a provider anywhere.
 */
public final class ReferenceBackendProvider implements BackendProvider {
    private final String name;
    private final Supplier<Ops> ops;

    /** Backends named {@code name} over the ops {@code ops} makes. */
    public ReferenceBackendProvider(String name, Supplier<Ops> ops) {
        this.name = name;
        this.ops = ops;
    }

    /** The oracle's backends. */
    public ReferenceBackendProvider() {
        this("reference", ReferenceOps::new);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability probe() {
        return Availability.ok();
    }

    @Override
    public Backend create() {
        return new ReferenceBackend(name, ops.get());
    }
}
