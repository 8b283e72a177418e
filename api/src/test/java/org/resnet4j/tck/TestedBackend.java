package org.resnet4j.tck;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/**
 * One test class's backend as the kit holds it: the probe's answer, the backend created from it (or why creating it
 * failed), and the known gaps that apply. JUnit closes it after the class ({@link ExtensionContext.Store}).
 */
final class TestedBackend implements ExtensionContext.Store.CloseableResource {
    private final String name;
    private final Availability availability;
    private final Backend backend;
    private final Throwable creationFailure;
    private final KnownGaps gaps;
    private final Runnable onClose;

    private TestedBackend(String name, Availability availability, Backend backend, Throwable creationFailure,
                          KnownGaps gaps, Runnable onClose) {
        this.name = name;
        this.availability = availability;
        this.backend = backend;
        this.creationFailure = creationFailure;
        this.gaps = gaps;
        this.onClose = onClose;
    }

    /**
     * Probes {@code provider} and, when it can run, creates the backend. A failing {@code create()} is kept, not
     * thrown, so that every test fails with it rather than the class failing before any test is reported.
     */
    static TestedBackend start(BackendProvider provider, KnownGaps gaps, Runnable onClose) {
        Availability availability = provider.probe();
        Backend backend = null;
        Throwable failure = null;
        if (availability.available()) {
            try {
                backend = provider.create();
            } catch (RuntimeException | LinkageError e) {
                failure = e;
            }
        }
        return new TestedBackend(provider.name(), availability, backend, failure, gaps, onClose);
    }

    /**
     * The backend, or the skip with the probe's reason when it cannot run here, or a failure when its probe said
     * it could run but {@code create()} threw.
     */
    Backend backend() {
        Assumptions.assumeTrue(availability.available(),
                () -> "backend \"" + name + "\" unavailable: " + availability.reason());
        if (creationFailure != null) {
            throw new IllegalStateException("backend \"" + name + "\": probe() said available, but create() threw "
                    + creationFailure, creationFailure);
        }
        return backend;
    }

    /** Skips {@code contractTest} with the known-gaps file's reason when it is listed there for this backend. */
    void skipWhenKnownGap(String contractTest) {
        Optional<String> reason = gaps.reason(name, contractTest);
        reason.ifPresent(r -> Assumptions.abort("known gap of backend \"" + name + "\" (" + gaps.source() + "): " + r));
    }

    @Override
    public void close() {
        try {
            if (backend != null) {
                backend.close();
            }
        } finally {
            onClose.run();
        }
    }
}
