package org.resnet4j;

import java.util.Set;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.Capability;
import org.resnet4j.spi.CompiledModel;

/** A backend with no ops, enough to see which provider discovery chose. */
final class FakeBackend implements Backend {
    private final String name;
    private boolean closed;

    FakeBackend(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Ops ops() {
        throw new UnsupportedOperationException("FakeBackend has no ops");
    }

    @Override
    public CompiledModel compile(Model model) {
        throw new UnsupportedOperationException("FakeBackend compiles nothing");
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
