package org.resnet4j;

import java.util.List;
import java.util.ServiceConfigurationError;
import org.resnet4j.spi.Availability;

/**
 * The fixed diagnostic sentences of backend discovery. Each is one line starting with {@link #PREFIX} so that
 * users can grep for them; tests pin every sentence, so change them only together with docs/backends.md.
 */
final class BackendMessages {
    static final String PREFIX = "resnet4j: ";
    static final String PROPERTY = "resnet4j.backend";
    static final String ENV = "RESNET4J_BACKEND";
    static final String FROM_PROPERTY = "-D" + PROPERTY;
    static final String FROM_ENV = ENV;
    static final String FROM_CALLER = "Backends.get(name)";

    private static final String FOUND = PREFIX + "Found backend [";

    private BackendMessages() {
    }

    static String found(String name, int priority, Availability availability) {
        String state = availability.available() ? "available" : "unavailable: " + availability.reason();
        return FOUND + name + ", priority " + priority + ", " + state + "]";
    }

    static String performanceNote(String name, String note) {
        return PREFIX + "Note on [" + name + "]: " + note;
    }

    /** True for the per-provider "Found backend" lines, which are listed by describe() but not printed on use. */
    static boolean isFinding(String line) {
        return line.startsWith(FOUND);
    }

    static String using(String name) {
        return PREFIX + "Using [" + name + "]; choose another with -D" + PROPERTY + "=NAME or " + ENV + "=NAME";
    }

    static String unknown(String name, String origin, List<String> available) {
        return PREFIX + "Unknown backend \"" + name + "\" (from " + origin + "). Available: " + available;
    }

    static String namedUnavailable(String name, String origin, String reason, List<String> available) {
        return PREFIX + "Backend [" + name + "] (from " + origin + ") is unavailable: " + reason
                + ". Available: " + available;
    }

    static String noneFound() {
        return PREFIX + "No backend found on the classpath. Add one of resnet4j-backend-tf, -nd4j, -jcuda.";
    }

    static String noneAvailable(List<String> found) {
        return PREFIX + "No available backend among " + found + "; each one's reason is on its Found backend line.";
    }

    static String skippedLoad(Throwable failure) {
        return PREFIX + "Skipped a backend provider that failed to load: " + describe(failure);
    }

    static String skippedProvider(String providerClass, String method, Throwable failure) {
        return PREFIX + "Skipped backend provider " + providerClass + ": " + method + " threw " + describe(failure);
    }

    static String probeFailed(Throwable failure) {
        return "probe() threw " + describe(failure);
    }

    static String startFailed(String name, Throwable failure) {
        return PREFIX + "Backend [" + name + "] failed to start: " + describe(failure);
    }

    /** One line naming the failure and, for ServiceLoader's wrapper, the cause that users need to see. */
    static String describe(Throwable failure) {
        String text = failure.toString();
        Throwable cause = failure.getCause();
        if (failure instanceof ServiceConfigurationError && cause != null) {
            text += " (cause: " + cause + ")";
        }
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
