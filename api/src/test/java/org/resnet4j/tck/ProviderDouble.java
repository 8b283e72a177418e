package org.resnet4j.tck;

import org.resnet4j.spi.AbstractBackendProvider;
import org.resnet4j.spi.Availability;

/**
 * The common part of the kit's and the api tests' provider doubles: a probe that says the backend can run unless a
 * double overrides it. Doubles differ in what {@link #create()} does.
 */
public abstract class ProviderDouble extends AbstractBackendProvider {
    /** A provider called {@code name} with the given priority. */
    protected ProviderDouble(String name, int priority) {
        super(name, priority);
    }

    @Override
    public Availability probe() {
        return Availability.ok();
    }
}
