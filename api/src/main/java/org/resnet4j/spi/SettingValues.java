package org.resnet4j.spi;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a backend's whole-number settings (system properties, environment variables) one way: absent or blank means
 * "use the default", and a value that is not a number or is below the least allowed fails with one wording,
 * {@code SOURCE expects WHAT. Received: "VALUE"}, so that every backend reports a bad setting alike.
 */
public final class SettingValues {
    /** What a thread-count setting expects, in its error. */
    public static final String THREADS_EXPECTED = "a positive number of threads";

    private SettingValues() {
    }

    /**
     * The {@code long} that {@code value} holds, or empty when it is absent or blank.
     *
     * @param source where the value came from, as the user wrote it: {@code -Dresnet4j.nd4j.poolMegabytes}
     * @param least the smallest value allowed
     * @param expectation what the setting expects, for the error: {@code a number of MiB, 0 or more}
     */
    public static OptionalLong wholeNumber(String value, String source, long least, String expectation) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= least) {
                return OptionalLong.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below with the value received
        }
        throw new IllegalArgumentException(source + " expects " + expectation + ". Received: \"" + value + "\"");
    }

    /** The same for a setting that must fit an {@code int} (a thread or plan count); a larger value is refused. */
    public static OptionalInt wholeInt(String value, String source, int least, String expectation) {
        OptionalLong n = wholeNumber(value, source, least, expectation);
        if (n.isEmpty()) {
            return OptionalInt.empty();
        }
        if (n.getAsLong() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + " expects " + expectation + ". Received: \"" + value + "\"");
        }
        return OptionalInt.of((int) n.getAsLong());
    }

    /**
     * A backend's thread count: the system property {@code property} ({@code -Dproperty=N}), else the environment
     * variable {@code environmentVariable}, each a whole number of at least 1; empty when neither is set.
     */
    public static OptionalInt threadCount(String property, String environmentVariable) {
        String value = System.getProperty(property);
        String source = "-D" + property;
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentVariable);
            source = environmentVariable;
        }
        return wholeInt(value, source, 1, THREADS_EXPECTED);
    }
}
