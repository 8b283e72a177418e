package org.resnet4j.kotlinfree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds Kotlin inside a jar or a class directory. The enforcer's ban sees artifact names only, so Kotlin copied into
 * another artifact (a fat jar, or a library that shades the Kotlin runtime under its own package) passes it; this
 * scanner reads the entries themselves.
 *
 * <p>An entry is Kotlin when it is in the {@code kotlin} package or one below it ({@code kotlin/...}, the Kotlin
 * runtime as published), or when it is a class file of a package named {@code kotlin} anywhere
 * ({@code org/example/shaded/kotlin/Unit.class}, a relocated copy). {@code kotlin/Metadata.class}, the annotation
 * every Kotlin-compiled class carries, is caught by both rules. Classes compiled by Kotlin into a Java library's own
 * packages are not flagged: they cannot run without the Kotlin runtime, which would be. (JUnit Jupiter ships a few, with
 * their {@code META-INF/*.kotlin_module} files, for Kotlin users; they stay unused on this project's test classpath.)
 */
public final class KotlinScanner {
    private static final String KOTLIN_PACKAGE = "kotlin/";
    private static final String RELOCATED_KOTLIN_PACKAGE = "/kotlin/";

    private KotlinScanner() {
    }

    /** Whether a jar entry or a class directory's relative path (with {@code /} separators) is Kotlin. */
    public static boolean isKotlin(String entryName) {
        return entryName.startsWith(KOTLIN_PACKAGE)
                || entryName.contains(RELOCATED_KOTLIN_PACKAGE) && entryName.endsWith(".class");
    }

    /**
     * The Kotlin entries of a jar file or a directory of classes, in the order found; empty when there are none or
     * the path does not exist (a classpath may name a directory that was never created).
     */
    public static List<String> kotlinEntries(Path jarOrDirectory) {
        if (Files.isDirectory(jarOrDirectory)) {
            return inDirectory(jarOrDirectory);
        }
        if (Files.isRegularFile(jarOrDirectory)) {
            return inJar(jarOrDirectory);
        }
        return List.of();
    }

    private static List<String> inJar(Path jar) {
        // Only the jar's central directory is read, not its contents: a few milliseconds even for natives of 400 MB.
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> found = new ArrayList<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (isKotlin(entry.getName())) {
                    found.add(entry.getName());
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar + " as a jar", e);
        }
    }

    private static List<String> inDirectory(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString().replace('\\', '/'))
                    .filter(KotlinScanner::isKotlin)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }
}
