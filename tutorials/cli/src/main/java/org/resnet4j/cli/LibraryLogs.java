package org.resnet4j.cli;

/**
 * How loud the Java libraries are in a command-line run, set as system properties before any of them logs: SLF4J's
 * simple logger reads its settings once, when the first logger is created, and JavaCPP chooses its logger when its
 * {@code Loader} class loads. A property the user set on the {@code java} command line is never replaced.
 *
 * <p>Quiet (the default): ND4J's and jHDF's INFO lines are left out (level {@code warn}), and JavaCPP's warnings,
 * such as {@code Versions of org.bytedeco:javacpp:1.5.11 and org.bytedeco:openblas:0.3.19-1.5.7 do not match}
 * (harmless here, see docs/backend-nd4j.md), go through SLF4J at level {@code error}, which leaves them out too.
 * Verbose ({@code --verbose}): the libraries' own defaults, every INFO line and JavaCPP's warnings included.
 */
final class LibraryLogs {
    static final String SLF4J_LOG_FILE = "org.slf4j.simpleLogger.logFile";
    static final String SLF4J_DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    static final String SLF4J_JAVACPP_LEVEL = "org.slf4j.simpleLogger.log.org.bytedeco";
    static final String JAVACPP_LOGGER = "org.bytedeco.javacpp.logger";

    private LibraryLogs() {
    }

    /** Applies the settings of a quiet or a verbose run; call before anything logs. */
    static void configure(boolean verbose) {
        keepOffStandardOutput();
        if (!verbose) {
            setUnlessGiven(SLF4J_DEFAULT_LEVEL, "warn");
            setUnlessGiven(JAVACPP_LOGGER, "slf4j");
            setUnlessGiven(SLF4J_JAVACPP_LEVEL, "error");
        }
    }

    /**
     * jHDF's jar carries a {@code simplelogger.properties} that sends every SLF4J message (ND4J's start-up lines
     * included) to standard output, where they would mix with results. A system property outranks that file, so
     * unless the user chose otherwise, library logs go to standard error.
     */
    static void keepOffStandardOutput() {
        setUnlessGiven(SLF4J_LOG_FILE, "System.err");
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
