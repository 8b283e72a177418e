package org.resnet4j.tck;

import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.AbstractBackend;
import org.resnet4j.spi.AbstractCompiledModel;
import org.resnet4j.spi.InterpretedModel;

/**
 * A backend over any {@link Ops}, by default {@link ReferenceOps}; models compile to an
 * {@link InterpretedModel}, closed with the backend (the ops hold nothing else). Used to run the contract on the
 * oracle itself and on deliberately broken ops. Not registered as a provider anywhere.
 */
public final class ReferenceBackend extends AbstractBackend {
    private final Ops ops;

    /** A backend named {@code name} over {@code ops}. */
    public ReferenceBackend(String name, Ops ops) {
        super(name);
        this.ops = ops;
    }

    /** The oracle as a backend. */
    public ReferenceBackend() {
        this("reference", new ReferenceOps());
    }

    @Override
    public Ops ops() {
        return ops;
    }

    @Override
    protected AbstractCompiledModel compileModel(Model model) {
        return new InterpretedModel(model, ops);
    }
}
