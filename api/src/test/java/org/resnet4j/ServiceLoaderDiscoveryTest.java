package org.resnet4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.spi.Backend;

/** Discovery through a real ServiceLoader over a services file written for the test, broken entries included. */
class ServiceLoaderDiscoveryTest {
    private final List<String> lines = new ArrayList<>();

    private URLClassLoader loaderRegistering(Path dir, String... providerClasses) throws IOException {
        Path services = dir.resolve("META-INF/services/org.resnet4j.spi.BackendProvider");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "# written by ServiceLoaderDiscoveryTest\n"
                + String.join("\n", providerClasses) + "\n", StandardCharsets.UTF_8);
        // The provider classes themselves come from the parent (the test classpath); only the registration is new.
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void registeredProvider_isFound_andChosen(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = loaderRegistering(dir, ServiceLoadedTestProvider.class.getName())) {
            Backend backend = BackendResolver.fromClassLoader(loader, null, null, lines::add).resolve();

            assertThat(backend.name()).isEqualTo("loaded");
            assertThat(lines).containsExactly(
                    "resnet4j: Found backend [loaded, priority 7, available]",
                    "resnet4j: Using [loaded]; choose another with -Dresnet4j.backend=NAME or RESNET4J_BACKEND=NAME");
        }
    }

    @Test
    void brokenRegistrations_areEachReportedOnOneLine_andTheGoodProviderStillWins(@TempDir Path dir)
            throws IOException {
        try (URLClassLoader loader = loaderRegistering(dir,
                "org.resnet4j.NoSuchProviderClass",
                ConstructorThrowingTestProvider.class.getName(),
                StaticInitFailingTestProvider.class.getName(),
                NativeLibraryMissingTestProvider.class.getName(),
                ServiceLoadedTestProvider.class.getName())) {
            Backend backend = BackendResolver.fromClassLoader(loader, null, null, lines::add).resolve();

            assertThat(backend.name()).isEqualTo("loaded");
            List<String> skipped = lines.stream()
                    .filter(l -> l.startsWith("resnet4j: Skipped a backend provider that failed to load: ")).toList();
            assertThat(skipped).hasSize(4);
            assertThat(skipped.get(0)).contains("org.resnet4j.NoSuchProviderClass", "not found");
            assertThat(skipped.get(1)).contains("ConstructorThrowingTestProvider",
                    "(cause: java.lang.IllegalStateException: constructor failed on purpose)");
            assertThat(skipped.get(2)).contains("StaticInitFailingTestProvider",
                    "(cause: java.lang.ExceptionInInitializerError");
            assertThat(skipped.get(3)).contains("NativeLibraryMissingTestProvider",
                    "(cause: java.lang.UnsatisfiedLinkError", "resnet4j-library-that-does-not-exist");
            assertThat(lines).allMatch(l -> l.startsWith("resnet4j: ") && !l.contains("\n"));
        }
    }
}
