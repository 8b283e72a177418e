package org.resnet4j;

/**
 * Thrown when no backend can be given: the named one is unknown or cannot run here, or none is on the classpath.
 * The message is the same {@code resnet4j: } diagnostic line that {@link Backends#describe()} would show.
 */
public final class BackendUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    BackendUnavailableException(String diagnosticLine) {
        super(diagnosticLine);
    }

    BackendUnavailableException(String diagnosticLine, Throwable cause) {
        super(diagnosticLine, cause);
    }
}
