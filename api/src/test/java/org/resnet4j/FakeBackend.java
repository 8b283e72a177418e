package org.resnet4j;

import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.AbstractBackend;
import org.resnet4j.spi.AbstractCompiledModel;

/** A backend with no ops, enough to see which provider discovery chose. */
final class FakeBackend extends AbstractBackend {
    private volatile boolean closed;

    FakeBackend(String name) {
        super(name);
    }

    @Override
    public Ops ops() {
        throw new UnsupportedOperationException("FakeBackend has no ops");
    }

    @Override
    protected AbstractCompiledModel compileModel(Model model) {
        throw new UnsupportedOperationException("FakeBackend compiles nothing");
    }

    boolean closed() {
        return closed;
    }

    @Override
    protected void release() {
        closed = true;
    }
}
