package org.resnet4j.cli;

import java.util.List;
import java.util.Locale;
import org.resnet4j.Backends;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/**
 * Opens the backend of a {@code --backend} option: the one named, or the one {@link Backends#get()} chooses. A name
 * that no provider has is a usage error; a provider that exists but cannot run here is a failure (exit 1) with the
 * probe's reason.
 */
final class BackendChoice {
    private BackendChoice() {
    }

    /** Creates the backend; {@code name} may be {@code null} for the automatic choice. The caller closes it. */
    static Backend open(String name) {
        if (name == null) {
            return Backends.get();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        List<String> found = Backends.providers().stream().map(BackendProvider::name).toList();
        if (!found.contains(wanted)) {
            throw new UsageException("--backend expects one of the backends found " + found + ". Received: " + name);
        }
        return Backends.get(wanted);
    }
}
