package org.resnet4j.tck;

import java.util.function.Supplier;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/**
 * A provider of {@link ReferenceBackend}s, always available: how the kit's own tests plug the oracle, or
 * deliberately broken ops, into a contract. Not registered as a provider anywhere.
 */
public final class ReferenceBackendProvider implements BackendProvider {
    private final String name;
    private final Supplier<Ops> ops;

    /** The oracle, {@link ReferenceOps}, named "reference". */
    public ReferenceBackendProvider() {
        this("reference", ReferenceOps::new);
    }

    /** Backends named {@code name} over the ops {@code ops} makes. */
    public ReferenceBackendProvider(String name, Supplier<Ops> ops) {
        this.name = name;
        this.ops = ops;
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
