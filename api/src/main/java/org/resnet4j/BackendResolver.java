package org.resnet4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/**
 * The testable core of {@link Backends}: scans a list of providers, reports each finding as one diagnostic line
 * and chooses a backend. Everything that {@link Backends} reads from the JVM (ServiceLoader, system property,
 * environment) comes in through the constructor.
 */
final class BackendResolver {
    /** Stops a provider source that keeps failing from looping forever; far above any real classpath. */
    private static final int MAX_LOAD_FAILURES = 100;

    private final Iterable<BackendProvider> source;
    private final String propertyValue;
    private final String envValue;
    private final Consumer<String> diagnostics;

    BackendResolver(Iterable<BackendProvider> source, String propertyValue, String envValue,
                    Consumer<String> diagnostics) {
        this.source = source;
        this.propertyValue = blankToNull(propertyValue);
        this.envValue = blankToNull(envValue);
        this.diagnostics = diagnostics;
    }

    /** A resolver over the providers registered in {@code META-INF/services} visible to {@code loader}. */
    static BackendResolver fromClassLoader(ClassLoader loader, String propertyValue, String envValue,
                                           Consumer<String> diagnostics) {
        return new BackendResolver(ServiceLoader.load(BackendProvider.class, loader), propertyValue, envValue,
                diagnostics);
    }

    /**
     * Loads and probes every provider, highest priority first (then by name), reporting one line each; providers
     * that fail to load or to say their name are reported and left out.
     */
    List<ProviderCandidate> scan() {
        List<ProviderCandidate> candidates = new ArrayList<>();
        for (BackendProvider provider : load()) {
            candidate(provider).ifPresent(candidates::add);
        }
        candidates.sort(Comparator.comparingInt(ProviderCandidate::priority).reversed()
                .thenComparing(ProviderCandidate::name));
        candidates.forEach(c -> diagnostics.accept(BackendMessages.found(c.name(), c.priority(), c.availability())));
        return candidates;
    }

    /** Chooses by the system property, then the environment variable, then priority, and creates the backend. */
    Backend resolve() {
        List<ProviderCandidate> candidates = scan();
        if (propertyValue != null) {
            return createNamed(candidates, propertyValue, BackendMessages.FROM_PROPERTY);
        }
        if (envValue != null) {
            return createNamed(candidates, envValue, BackendMessages.FROM_ENV);
        }
        return createBest(candidates);
    }

    /**
     * Creates the backend called {@code name}, whatever the property and environment say. No {@code Using} line is
     * reported: the caller chose the backend, and that line's advice (choose another with the property or the
     * environment variable) would be wrong here, since both are ignored.
     */
    Backend resolve(String name) {
        return createNamed(scan(), name, BackendMessages.FROM_CALLER);
    }

    /** Every line a resolution would report, with the choice it would make, without creating any backend. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        BackendResolver quiet = new BackendResolver(source, propertyValue, envValue, lines::add);
        List<ProviderCandidate> candidates = quiet.scan();
        candidates.stream().filter(c -> c.availability().available())
                .forEach(c -> performanceNotes(c).forEach(note ->
                        lines.add(BackendMessages.performanceNote(c.name(), note))));
        String name = propertyValue != null ? propertyValue : envValue;
        String origin = propertyValue != null ? BackendMessages.FROM_PROPERTY : BackendMessages.FROM_ENV;
        if (name != null) {
            lines.add(quiet.checkNamed(candidates, name, origin)
                    .map(BackendUnavailableException::getMessage)
                    .orElseGet(() -> BackendMessages.using(normalise(name))));
        } else if (candidates.isEmpty()) {
            lines.add(BackendMessages.noneFound());
        } else {
            lines.add(candidates.stream().filter(c -> c.availability().available()).findFirst()
                    .map(c -> BackendMessages.using(c.name()))
                    .orElseGet(() -> BackendMessages.noneAvailable(names(candidates))));
        }
        return lines;
    }

    /** The provider's notes; a provider whose notes cannot be read has none (they are advice, not a finding). */
    private static List<String> performanceNotes(ProviderCandidate candidate) {
        try {
            List<String> notes = candidate.provider().performanceNotes();
            return notes == null ? List.of() : notes;
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    private Backend createNamed(List<ProviderCandidate> candidates, String rawName, String origin) {
        Optional<BackendUnavailableException> problem = checkNamed(candidates, rawName, origin);
        if (problem.isPresent()) {
            throw problem.get();
        }
        String name = normalise(rawName);
        ProviderCandidate chosen = candidates.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        try {
            Backend backend = create(chosen);
            if (!origin.equals(BackendMessages.FROM_CALLER)) {
                diagnostics.accept(BackendMessages.using(chosen.name()));
            }
            return backend;
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            String line = BackendMessages.startFailed(chosen.name(), failure);
            throw new BackendUnavailableException(line, failure);
        }
    }

    private Optional<BackendUnavailableException> checkNamed(List<ProviderCandidate> candidates, String rawName,
                                                             String origin) {
        if (candidates.isEmpty()) {
            return Optional.of(new BackendUnavailableException(BackendMessages.noneFound()));
        }
        String name = normalise(rawName);
        List<String> available = names(candidates.stream().filter(c -> c.availability().available()).toList());
        Optional<ProviderCandidate> match = candidates.stream().filter(c -> c.name().equals(name)).findFirst();
        if (match.isEmpty()) {
            return Optional.of(new BackendUnavailableException(BackendMessages.unknown(name, origin, available)));
        }
        Availability availability = match.get().availability();
        if (!availability.available()) {
            return Optional.of(new BackendUnavailableException(
                    BackendMessages.namedUnavailable(name, origin, availability.reason(), available)));
        }
        return Optional.empty();
    }

    private Backend createBest(List<ProviderCandidate> candidates) {
        if (candidates.isEmpty()) {
            throw new BackendUnavailableException(BackendMessages.noneFound());
        }
        BackendUnavailableException failures = null;
        for (ProviderCandidate candidate : candidates) {
            if (!candidate.availability().available()) {
                continue;
            }
            try {
                Backend backend = create(candidate);
                diagnostics.accept(BackendMessages.using(candidate.name()));
                return backend;
            } catch (Throwable failure) {
                rethrowIfFatal(failure);
                // A backend that probes well but cannot start must not hide the next one; report and go on.
                String line = BackendMessages.startFailed(candidate.name(), failure);
                diagnostics.accept(line);
                if (failures == null) {
                    failures = new BackendUnavailableException(line, failure);
                } else {
                    failures.addSuppressed(failure);
                }
            }
        }
        if (failures != null) {
            throw failures;
        }
        throw new BackendUnavailableException(BackendMessages.noneAvailable(names(candidates)));
    }

    private static Backend create(ProviderCandidate candidate) {
        Backend backend = candidate.provider().create();
        if (backend == null) {
            throw new IllegalStateException(candidate.provider().getClass().getName() + ".create() returned null");
        }
        return backend;
    }

    /** Iterates the source by hand because ServiceLoader reports a provider that fails to load from the iterator. */
    private List<BackendProvider> load() {
        List<BackendProvider> providers = new ArrayList<>();
        Iterator<BackendProvider> it;
        try {
            it = source.iterator();
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            diagnostics.accept(BackendMessages.skippedLoad(failure));
            return providers;
        }
        int failures = 0;
        while (failures < MAX_LOAD_FAILURES) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                BackendProvider provider = it.next();
                if (provider != null) {
                    providers.add(provider);
                }
            } catch (Throwable failure) {
                rethrowIfFatal(failure);
                failures++;
                diagnostics.accept(BackendMessages.skippedLoad(failure));
            }
        }
        return providers;
    }

    private Optional<ProviderCandidate> candidate(BackendProvider provider) {
        String className = provider.getClass().getName();
        String name;
        int priority;
        try {
            name = normalise(provider.name());
            priority = provider.priority();
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            diagnostics.accept(BackendMessages.skippedProvider(className, "name() or priority()", failure));
            return Optional.empty();
        }
        Availability availability;
        try {
            availability = provider.probe();
            if (availability == null) {
                availability = Availability.unavailable("probe() returned null");
            }
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            availability = Availability.unavailable(BackendMessages.probeFailed(failure));
        }
        return Optional.of(new ProviderCandidate(provider, name, priority, availability));
    }

    private static List<String> names(List<ProviderCandidate> candidates) {
        return candidates.stream().map(ProviderCandidate::name).toList();
    }

    private static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Running out of memory or stack is the JVM's problem, not a provider's, so it is never swallowed. */
    private static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }
}
