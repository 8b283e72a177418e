package org.resnet4j;

import java.util.List;
import java.util.function.Supplier;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.tck.ProviderDouble;

/** A provider whose name, priority, probe and create are chosen by each test, failures included. */
final class FakeProvider extends ProviderDouble {
    private final Supplier<Availability> probe;
    private final Supplier<Backend> create;
    private int creations;
    private Supplier<List<String>> performanceNotes = List::of;

    private FakeProvider(String name, int priority, Supplier<Availability> probe, Supplier<Backend> create) {
        super(name, priority);
        this.probe = probe;
        this.create = create;
    }

    static FakeProvider available(String name, int priority) {
        return new FakeProvider(name, priority, Availability::ok, () -> new FakeBackend(name));
    }

    static FakeProvider unavailable(String name, int priority, String reason) {
        return new FakeProvider(name, priority, () -> Availability.unavailable(reason), () -> {
            throw new AssertionError("create() called on unavailable " + name);
        });
    }

    static FakeProvider probeThrows(String name, int priority, Throwable failure) {
        return new FakeProvider(name, priority, () -> sneakyThrow(failure), () -> new FakeBackend(name));
    }

    static FakeProvider createThrows(String name, int priority, Throwable failure) {
        return new FakeProvider(name, priority, Availability::ok, () -> sneakyThrow(failure));
    }

    /** This provider, now with the given performance notes (or failure, through a throwing supplier). */
    FakeProvider withPerformanceNotes(Supplier<List<String>> notes) {
        this.performanceNotes = notes;
        return this;
    }

    int creations() {
        return creations;
    }

    @Override
    public Availability probe() {
        return probe.get();
    }

    @Override
    public List<String> performanceNotes() {
        return performanceNotes.get();
    }

    @Override
    public Backend create() {
        creations++;
        return create.get();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable, R> R sneakyThrow(Throwable failure) throws T {
        throw (T) failure;
    }
}
