package org.resnet4j.tck;

import java.util.Set;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.Capability;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.spi.CompiledModels;
import org.resnet4j.spi.InterpretedModel;

/**
 * A {@link Backend} over any {@link Ops}, by default {@link ReferenceOps}; models compile to an
 * {@link InterpretedModel}, closed with the backend. Used to run the contract on the oracle itself and on
 * deliberately broken ops. Not registered as a provider anywhere.
 */
public final class ReferenceBackend implements Backend {
    private final String name;
    private final Ops ops;
    private final CompiledModels compiled;

    /** A backend named {@code name} over {@code ops}. */
    public ReferenceBackend(String name, Ops ops) {
        this.name = name;
        this.ops = ops;
        this.compiled = new CompiledModels(name);
    }

    /** The oracle as a backend. */
    public ReferenceBackend() {
        this("reference", new ReferenceOps());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Ops ops() {
        return ops;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public CompiledModel compile(Model model) {
        return compiled.track(() -> new InterpretedModel(model, ops));
    }

    /** Closes the models it compiled; the ops hold nothing. */
    @Override
    public void close() {
        compiled.closeAll();
    }
}
