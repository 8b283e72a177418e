package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What every user mistake and failure looks like: a usage error is one line, then the usage, exit 2; a failure is one
 * line, exit 1; neither shows a stack trace unless {@code --debug} asks for it.
 */
class ResNet4jCommandTest {
    @Test
    void noCommand_isAUsageError_listingTheCommands() throws Exception {
        Cli.Result r = Cli.run();

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(firstLine(r.err())).isEqualTo(
                "Missing a command: one of [backends, summary, run, gradients, predict, parity, bench, demo, train, "
                        + "evaluate]");
        assertThat(r.err()).contains("Usage: resnet4j");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownCommand_isAUsageError() throws Exception {
        Cli.Result r = Cli.run("trian");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(firstLine(r.err())).contains("trian");
        assertThat(r.err()).contains("Usage: resnet4j").doesNotContain("\tat ");
    }

    @Test
    void unknownOption_isAUsageError_withTheSubcommandsUsage() throws Exception {
        Cli.Result r = Cli.run("summary", "resnet18", "--depth", "18");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(firstLine(r.err())).contains("--depth");
        assertThat(r.err()).contains("Usage: resnet4j summary").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void optionValueOfTheWrongType_isAUsageError() throws Exception {
        Cli.Result r = Cli.run("bench", "--model", "resnet18", "--batch", "many");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(firstLine(r.err())).contains("--batch").contains("many");
    }

    @Test
    void help_printsTheUsageOnStandardOutput_andSucceeds() throws Exception {
        Cli.Result r = Cli.run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: resnet4j").contains("backends").contains("summary").contains("run")
                .contains("gradients").contains("predict").contains("parity").contains("bench").contains("demo");
    }

    @Test
    void version_namesResNet4jAndTheJava() throws Exception {
        Cli.Result r = Cli.run("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("resnet4j ").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void runtimeFailure_isOneLine_exit1_andNoStackTrace() throws Exception {
        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--input", "does-not-exist.safetensors",
                "--output", "out.safetensors");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(firstLine(r.err())).isEqualTo("Error: Cannot read --input does-not-exist.safetensors: no such file");
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Usage:");
    }

    @Test
    void debug_addsTheStackTrace_toARuntimeFailure() throws Exception {
        Cli.Result r = Cli.run("run", "--debug", "--model", "cifar-resnet20", "--input", "does-not-exist.safetensors",
                "--output", "out.safetensors");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("java.nio.file.NoSuchFileException").contains("\tat org.resnet4j.cli.RunCommand");
    }

    @Test
    void debug_isAcceptedBeforeTheCommandToo() throws Exception {
        Cli.Result r = Cli.run("--debug", "run", "--model", "cifar-resnet20", "--input", "does-not-exist.safetensors",
                "--output", "out.safetensors");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("\tat org.resnet4j.cli.RunCommand");
    }

    static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
