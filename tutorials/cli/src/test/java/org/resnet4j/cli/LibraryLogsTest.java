package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The system properties a quiet and a verbose run set before any library logs. (That the libraries then keep quiet is
 * checked on the packaged jars by PackagedJarIT: in this JVM SLF4J has long been configured.)
 */
class LibraryLogsTest {
    private static final List<String> PROPERTIES = List.of(LibraryLogs.SLF4J_LOG_FILE, LibraryLogs.SLF4J_DEFAULT_LEVEL,
            LibraryLogs.SLF4J_JAVACPP_LEVEL, LibraryLogs.JAVACPP_LOGGER);
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void clearProperties() {
        for (String property : PROPERTIES) {
            saved.put(property, System.getProperty(property));
            System.clearProperty(property);
        }
    }

    @AfterEach
    void restoreProperties() {
        saved.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }

    @Test
    void quietRun_leavesOutInfoLines_andSendsJavaCppWarningsThroughSlf4jAtError() {
        LibraryLogs.configure(false);

        assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("warn");
        assertThat(System.getProperty("org.bytedeco.javacpp.logger")).isEqualTo("slf4j");
        assertThat(System.getProperty("org.slf4j.simpleLogger.log.org.bytedeco")).isEqualTo("error");
        assertThat(System.getProperty("org.slf4j.simpleLogger.logFile")).isEqualTo("System.err");
    }

    @Test
    void verboseRun_keepsTheLibrariesDefaults_butStillLogsToStandardError() {
        LibraryLogs.configure(true);

        assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isNull();
        assertThat(System.getProperty("org.bytedeco.javacpp.logger")).isNull();
        assertThat(System.getProperty("org.slf4j.simpleLogger.log.org.bytedeco")).isNull();
        assertThat(System.getProperty("org.slf4j.simpleLogger.logFile")).isEqualTo("System.err");
    }

    @Test
    void quietRun_keepsWhatTheUserSetOnTheJavaCommandLine() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");

        LibraryLogs.configure(false);

        assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("debug");
    }
}
