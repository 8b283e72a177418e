package org.resnet4j;

import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/**
 * A well-behaved provider that {@link ServiceLoaderDiscoveryTest} registers in a temporary services file. It is
 * deliberately not registered in src/test/resources: the api test-jar is on every backend's classpath.
 */
public final class ServiceLoadedTestProvider implements BackendProvider {
    @Override
    public String name() {
        return "loaded";
    }

    @Override
    public int priority() {
        return 7;
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
