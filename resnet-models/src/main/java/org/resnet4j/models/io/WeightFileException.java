package org.resnet4j.models.io;

/**
 * A weight file that cannot be used: unreadable, truncated, corrupt, or not matching the model (a missing,
 * unexpected or wrongly shaped tensor). The message names the file and the tensor concerned.
 */
public class WeightFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public WeightFileException(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by {@code cause} (kept for the stack trace). */
    public WeightFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
