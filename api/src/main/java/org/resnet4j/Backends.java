package org.resnet4j;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/**
 * Finds the backends on the classpath through {@link java.util.ServiceLoader} and chooses one: the name given by
 * {@code -Dresnet4j.backend=NAME}, else by the environment variable {@code RESNET4J_BACKEND}, else the available
 * backend of highest {@link BackendProvider#priority() priority}. Diagnostics are one-line sentences starting with
 * {@code resnet4j: }; see docs/backends.md.
 *
 * <p>When {@link #get()} chooses a backend, the {@code Using} line (and any line about a provider that failed) is
 * printed once to {@link System#err}, unless {@code -Dresnet4j.quiet=true}. {@link #get(String)} prints no
 * {@code Using} line: its caller named the backend, and the property and environment variable the line points to
 * cannot change that choice. {@link #describe()} returns every line and prints none.
 */
public final class Backends {
    /** The system property that silences the lines printed when a backend is chosen. */
    public static final String QUIET_PROPERTY = "resnet4j.quiet";

    private static final Set<String> PRINTED = ConcurrentHashMap.newKeySet();

    private Backends() {
    }

    /**
     * Creates the backend chosen by {@code -Dresnet4j.backend}, {@code RESNET4J_BACKEND} or priority. Each call
     * creates a new backend, which the caller closes.
     *
     * @throws BackendUnavailableException if the named backend is unknown or unavailable, or none can run
     */
    public static Backend get() {
        return resolver(Backends::print).resolve();
    }

    /**
     * Creates the backend called {@code name} ("tf", "nd4j", "jcuda"), ignoring the property and the environment;
     * prints no {@code Using} line, since the caller made the choice (lines about providers that failed to load
     * are still printed).
     *
     * @throws BackendUnavailableException if no provider has that name or it cannot run here
     */
    public static Backend get(String name) {
        return resolver(Backends::print).resolve(name);
    }

    /** The providers that loaded, highest priority first, whether available or not; nothing is created. */
    public static List<BackendProvider> providers() {
        return resolver(line -> { }).scan().stream().map(ProviderCandidate::provider).toList();
    }

    /** Every diagnostic line: one per provider found, then the choice {@link #get()} would make or why it cannot. */
    public static List<String> describe() {
        return resolver(line -> { }).describe();
    }

    private static BackendResolver resolver(Consumer<String> diagnostics) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Backends.class.getClassLoader();
        }
        return BackendResolver.fromClassLoader(loader, System.getProperty(BackendMessages.PROPERTY),
                System.getenv(BackendMessages.ENV), diagnostics);
    }

    private static void print(String line) {
        printOnce(line, System.err, Boolean.getBoolean(QUIET_PROPERTY), PRINTED);
    }

    /** Prints the lines a user must see on use, each only once per JVM so repeated calls stay readable. */
    static void printOnce(String line, PrintStream out, boolean quiet, Set<String> alreadyPrinted) {
        if (quiet || BackendMessages.isFinding(line) || !alreadyPrinted.add(line)) {
            return;
        }
        out.println(line);
    }
}
