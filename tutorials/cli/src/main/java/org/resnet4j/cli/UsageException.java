package org.resnet4j.cli;

/**
 * A mistake in what the user typed that the argument parser cannot see (an unknown model name, a tensor missing from
 * a file, an option that does not apply): reported as one line followed by the command's usage, exit code 2.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A usage error whose message names the argument, what was expected and what was received. */
    public UsageException(String message) {
        super(message);
    }
}
