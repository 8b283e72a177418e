package org.resnet4j;

import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/** A provider whose static initialiser throws, registered only by {@link ServiceLoaderDiscoveryTest}. */
public final class StaticInitFailingTestProvider implements BackendProvider {
    private static final int PRIORITY = failingInitialiser();

    private static int failingInitialiser() {
        throw new IllegalStateException("static initialiser failed on purpose");
    }

    @Override
    public String name() {
        return "static";
    }

    @Override
    public int priority() {
        return PRIORITY;
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
