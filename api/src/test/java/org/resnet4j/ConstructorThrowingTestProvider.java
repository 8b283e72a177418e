package org.resnet4j;

import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/** A provider whose constructor throws, registered only by {@link ServiceLoaderDiscoveryTest}. */
public final class ConstructorThrowingTestProvider implements BackendProvider {
    public ConstructorThrowingTestProvider() {
        throw new IllegalStateException("constructor failed on purpose");
    }

    @Override
    public String name() {
        return "ctor";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Availability probe() {
        return Availability.ok();
    }

    @Override
    public Backend create() {
        return new FakeBackend(name());
    }
}
