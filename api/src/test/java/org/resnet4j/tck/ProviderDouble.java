package org.resnet4j.tck;

import org.resnet4j.spi.Availability;
import org.resnet4j.spi.BackendProvider;

/**
 * The common part of the kit's and the api tests' provider doubles: a fixed name and priority, and a probe that says
 * the backend can run unless a double overrides it. Doubles differ in what {@link #create()} does.
 */
public abstract class ProviderDouble implements BackendProvider {
    private final String name;
    private final int priority;

    /** A provider called {@code name} with the given priority. */
    protected ProviderDouble(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int priority() {
        return priority;
    }

    @Override
    public Availability probe() {
        return Availability.ok();
    }
}
