package org.resnet4j.tck;

import java.util.List;
import org.resnet4j.Backends;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/**
 * A provider found by name through discovery ({@link Backends#providers()}), for tests that must not name a
 * backend class (the models module's): {@code public BackendProvider provider() { return
 * DiscoveredProvider.named("tf"); }}. When no provider has that name, a stand-in whose probe says so, so that the
 * tests skip with that reason.
 */
public final class DiscoveredProvider {
    private DiscoveredProvider() {
    }

    /** The discovered provider called {@code name}, or an unavailable stand-in that says none was found. */
    public static BackendProvider named(String name) {
        List<BackendProvider> providers = Backends.providers();
        return providers.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseGet(() -> new NotFound(name, providers.stream().map(BackendProvider::name).toList()));
    }

    /** Stands in for a provider that is not on the classpath. */
    private record NotFound(String name, List<String> found) implements BackendProvider {
        @Override
        public int priority() {
            return 0;
        }

        @Override
        public Availability probe() {
            return Availability.unavailable("no backend provider named \"" + name + "\" on the classpath (found: "
                    + found + ")");
        }

        @Override
        public Backend create() {
            throw new IllegalStateException(probe().reason());
        }
    }
}
