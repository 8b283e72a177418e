package org.resnet4j.cli;

/** The exit codes of every {@code resnet4j} command, documented in docs/cli.md. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command ran but failed: an unreadable file, a backend that cannot start, weights that do not fit. */
    public static final int FAILURE = 1;
    /** The arguments were wrong: one line says why, then the usage follows; nothing was run. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
