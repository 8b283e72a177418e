package org.resnet4j.tck;

import java.util.function.Supplier;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Backend;

/**
 * A provider of {@link ReferenceBackend}s, always available: how the kit's own tests plug the oracle, or
 * deliberately broken ops, into a contract. Not registered as a provider anywhere.
 */
public final class ReferenceBackendProvider extends ProviderDouble {
    private final Supplier<Ops> ops;

    /** The oracle, {@link ReferenceOps}, named "reference". */
    public ReferenceBackendProvider() {
        this("reference", ReferenceOps::new);
    }

    /** Backends named {@code name} over the ops {@code ops} makes. */
    public ReferenceBackendProvider(String name, Supplier<Ops> ops) {
        super(name, 0);
        this.ops = ops;
    }

    @Override
    public Backend create() {
        return new ReferenceBackend(name(), ops.get());
    }
}
