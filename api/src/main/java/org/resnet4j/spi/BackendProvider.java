package org.resnet4j.spi;

import java.util.List;

/**
 * The entry point of a backend, registered in {@code META-INF/services/org.resnet4j.spi.BackendProvider}.
 * Constructing a provider and calling {@link #name()}, {@link #priority()} and {@link #probe()} must be cheap;
 * native libraries are loaded by {@link #create()} only.
 */
public interface BackendProvider {
    /** The name users type to choose this backend: {@code "tf"}, {@code "nd4j"}, {@code "jcuda"}. */
    String name();

    /** Higher wins when no backend is named; documented in {@code docs/backends.md}. */
    int priority();

    /**
     * Whether the backend can run here. Must not throw: every {@link Throwable}, {@link UnsatisfiedLinkError}
     * and {@link NoClassDefFoundError} included, is caught and turned into {@link Availability#unavailable}.
     */
    Availability probe();

    /**
     * What about this machine makes the backend slower than it should be, one sentence each, in words a user can act
     * on; empty when nothing is known. Listed by {@code resnet4j backends} and the benchmarks. Like {@link #probe()}
     * it must be cheap, load nothing native and not throw (a throwing provider's notes are left out).
     */
    default List<String> performanceNotes() {
        return List.of();
    }

    /** Creates the backend; this is where native libraries load. */
    Backend create();
}
