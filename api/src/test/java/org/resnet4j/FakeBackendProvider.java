package org.resnet4j;

import org.resnet4j.spi.Backend;
import org.resnet4j.tck.ProviderDouble;

/**
 * An available provider of {@link FakeBackend}s: what the providers {@link ServiceLoaderDiscoveryTest} registers
 * extend, each breaking (or not) the loading of its class in its own way. Those stay top-level public classes with a
 * public no-arg constructor because {@link java.util.ServiceLoader} instantiates them.
 */
public abstract class FakeBackendProvider extends ProviderDouble {
    /** A provider called {@code name} with the given priority. */
    protected FakeBackendProvider(String name, int priority) {
        super(name, priority);
    }

    @Override
    public Backend create() {
        return new FakeBackend(name());
    }
}
