package org.resnet4j.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Reads the values of the benchmarks' command-line options, with one wording for every bad value: the option, what
 * it expects, and what it received. Public for the benchmark runners outside this package (ONNX Runtime's).
 */
public final class OptionValues {
    private OptionValues() {
    }

    /** The value after {@code option} at {@code args[i]}, which must exist. */
    public static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " expects a value. Received: nothing");
        }
        return args[i];
    }

    /** {@code value} when it is one of {@code names}. */
    public static String oneOf(String value, String option, Collection<String> names) {
        if (names.contains(value)) {
            return value;
        }
        throw new IllegalArgumentException(option + " expects one of " + String.join(", ", names) + ". Received: \""
                + value + "\"");
    }

    /** A whole number of at least {@code min}. */
    public static int atLeast(String value, String option, int min) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " expects a whole number of at least " + min + ". Received: \""
                + value + "\"");
    }

    /** A finite number of seconds, 0 or more. */
    public static double seconds(String value, String option) {
        try {
            double s = Double.parseDouble(value.trim());
            if (s >= 0 && !Double.isInfinite(s)) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " expects a number of seconds, 0 or more. Received: \"" + value
                + "\"");
    }

    /** A finite number, 0 or more. */
    public static double nonNegative(String value, String option) {
        try {
            double d = Double.parseDouble(value.trim());
            if (d >= 0 && !Double.isInfinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " expects a number, 0 or more. Received: \"" + value + "\"");
    }

    /** Comma-separated whole numbers, each at least 1. */
    public static List<Integer> positiveList(String value, String option) {
        return Arrays.stream(value.split(",")).map(v -> atLeast(v, option, 1)).toList();
    }
}
