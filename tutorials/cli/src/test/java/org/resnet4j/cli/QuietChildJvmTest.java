package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When the command line restarts itself in a quiet child JVM, and with what. That the child's standard error is then
 * quiet is checked on the packaged jars by PackagedJarIT.
 */
class QuietChildJvmTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String MARKER = "-D" + QuietChildJvm.CHILD_PROPERTY + "=true";

    @Test
    void everyCommand_isKnownToLoadBackendsOrNot() {
        Set<String> commands = ResNet4jCommand.commandLine().getSubcommands().keySet();
        Set<String> classified = new HashSet<>(QuietChildJvm.COMMANDS_LOADING_BACKENDS);
        classified.addAll(QuietChildJvm.COMMANDS_LOADING_NO_BACKEND);

        assertThat(classified).as("a new command must be added to one of the two sets").isEqualTo(commands);
        assertThat(QuietChildJvm.COMMANDS_LOADING_BACKENDS).doesNotContainAnyElementsOf(
                QuietChildJvm.COMMANDS_LOADING_NO_BACKEND);
    }

    @Test
    void commandName_isTheFirstArgumentThatIsNotAnOption() {
        assertThat(QuietChildJvm.commandName(new String[] {"--debug", "demo", "--verbose"})).isEqualTo("demo");
        assertThat(QuietChildJvm.commandName(new String[] {"bench", "--model", "resnet50"})).isEqualTo("bench");
        assertThat(QuietChildJvm.commandName(new String[] {"--help"})).isEmpty();
        assertThat(QuietChildJvm.commandName(new String[0])).isEmpty();
    }

    @Test
    void verboseRun_orACommandThatCreatesNoBackend_staysInThisJvm() {
        assertThat(QuietChildJvm.wanted(new String[] {"demo", "--verbose"}, true)).isFalse();
        assertThat(QuietChildJvm.wanted(new String[] {"summary", "resnet50"}, false)).isFalse();
        assertThat(QuietChildJvm.wanted(new String[] {"backends"}, false)).isFalse();
        assertThat(QuietChildJvm.wanted(new String[] {"--version"}, false)).isFalse();
    }

    @Test
    void childOfJavaDashJar_isStartedWithTheSameJar_optionsAndArguments() {
        List<String> command = QuietChildJvm.childCommand(new String[] {"demo", "--debug"},
                List.of("-Xmx2g", "-Dresnet4j.backend=tf"), "tutorials/target/resnet4j-tf.jar",
                "tutorials/target/resnet4j-tf.jar demo --debug");

        assertThat(command).containsExactly(JAVA, "-Xmx2g", "-Dresnet4j.backend=tf", MARKER, "-jar",
                "tutorials/target/resnet4j-tf.jar", "demo", "--debug");
    }

    @Test
    void childOfJavaDashCp_isStartedWithTheSameClassPathAndMainClass() {
        List<String> command = QuietChildJvm.childCommand(new String[] {"run", "--model", "resnet18"}, List.of(),
                "a/classes:b.jar", "org.resnet4j.cli.ResNet4jCommand run --model resnet18");

        assertThat(command).containsExactly(JAVA, MARKER, "-cp", "a/classes:b.jar", ResNet4jCommand.class.getName(),
                "run", "--model", "resnet18");
    }

    @Test
    void childOfJavaDashCp_withOneJar_isStillStartedWithTheMainClass() {
        List<String> command = QuietChildJvm.childCommand(new String[] {"demo"}, List.of(), "resnet4j.jar",
                "org.resnet4j.cli.ResNet4jCommand demo");

        assertThat(command).containsExactly(JAVA, MARKER, "-cp", "resnet4j.jar", ResNet4jCommand.class.getName(),
                "demo");
    }

    @Test
    void childEnvironment_turnsTensorFlowsInfoLinesOff() {
        Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin"));

        QuietChildJvm.quietEnvironment(environment);

        assertThat(environment).containsEntry("TF_CPP_MIN_LOG_LEVEL", "1").containsEntry("PATH", "/usr/bin");
    }

    @Test
    void childEnvironment_keepsALevelTheUserSet() {
        Map<String, String> environment = new HashMap<>(Map.of("TF_CPP_MIN_LOG_LEVEL", "0"));

        QuietChildJvm.quietEnvironment(environment);

        assertThat(environment).containsEntry("TF_CPP_MIN_LOG_LEVEL", "0");
    }
}
