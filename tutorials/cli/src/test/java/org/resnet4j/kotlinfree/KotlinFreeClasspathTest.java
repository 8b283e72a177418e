package org.resnet4j.kotlinfree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * No jar on this module's test classpath holds Kotlin. That classpath holds the command line's whole runtime
 * classpath (api, models, every backend with its natives, picocli, SLF4J), the lessons' (the same libraries), and the
 * test libraries; the runnable jars are scanned by PackagedJarIT.
 */
class KotlinFreeClasspathTest {
    @Test
    void everyJarAndClassDirectory_ofTheRuntimeWithEveryBackend_holdsNoKotlin() {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        assertThat(classpath).as("the classpath scanned holds every backend's library and natives, and the lessons")
                .anyMatch(named("tensorflow-core-native")).anyMatch(named("nd4j-native"))
                .anyMatch(named("jcuda-natives")).anyMatch(named("resnet-models")).anyMatch(named("lessons"));

        Map<Path, List<String>> kotlin = new LinkedHashMap<>();
        for (Path entry : classpath) {
            List<String> found = KotlinScanner.kotlinEntries(entry);
            if (!found.isEmpty()) {
                kotlin.put(entry, found.subList(0, Math.min(5, found.size())));
            }
        }

        assertThat(kotlin).as("jars holding Kotlin (first entries of each)").isEmpty();
    }

    private static Predicate<Path> named(String part) {
        return path -> path.toString().contains(part);
    }
}
