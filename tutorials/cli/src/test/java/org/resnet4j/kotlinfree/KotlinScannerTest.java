package org.resnet4j.kotlinfree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner flags Kotlin however it was packed, and nothing else: a guard that cannot fail proves nothing. */
class KotlinScannerTest {
    private static final byte[] NOT_REALLY_A_CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};

    @TempDir
    Path dir;

    @Test
    void jarWithKotlinMetadata_isFlagged() throws IOException {
        Path jar = jar("with-metadata.jar", "org/example/Plain.class", "kotlin/Metadata.class");

        assertThat(KotlinScanner.kotlinEntries(jar)).containsExactly("kotlin/Metadata.class");
    }

    @Test
    void jarWithTheKotlinRuntimeRelocatedByShading_isFlagged() throws IOException {
        Path jar = jar("shaded.jar", "org/example/Plain.class", "org/example/shaded/kotlin/Metadata.class",
                "org/example/shaded/kotlin/collections/CollectionsKt.class");

        assertThat(KotlinScanner.kotlinEntries(jar)).containsExactly("org/example/shaded/kotlin/Metadata.class",
                "org/example/shaded/kotlin/collections/CollectionsKt.class");
    }

    @Test
    void jarWithAnyClassOfTheKotlinPackage_isFlagged() throws IOException {
        Path jar = jar("stdlib-piece.jar", "kotlin/collections/CollectionsKt.class");

        assertThat(KotlinScanner.kotlinEntries(jar)).containsExactly("kotlin/collections/CollectionsKt.class");
    }

    @Test
    void jarWithoutTheKotlinRuntime_isNotFlagged_evenWithKotlinInNamesOrKotlinCompiledHelpers() throws IOException {
        Path jar = jar("plain.jar", "org/example/Plain.class", "org/example/kotlinish/Thing.class",
                "org/example/KotlinDetector.class", "docs/kotlin/README.txt", "META-INF/MANIFEST.MF",
                "org/example/AssertionsKt.class", "META-INF/example.kotlin_module");

        assertThat(KotlinScanner.kotlinEntries(jar)).isEmpty();
    }

    @Test
    void classDirectoryWithKotlinMetadata_isFlagged() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        write(classes.resolve("org/example/Plain.class"));
        write(classes.resolve("kotlin/Metadata.class"));

        assertThat(KotlinScanner.kotlinEntries(classes)).containsExactly("kotlin/Metadata.class");
    }

    @Test
    void missingClasspathEntry_hasNoKotlin() {
        assertThat(KotlinScanner.kotlinEntries(dir.resolve("never-built/classes"))).isEmpty();
    }

    private Path jar(String name, String... entries) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.write(NOT_REALLY_A_CLASS);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(NOT_REALLY_A_CLASS);
        }
    }
}
