package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code resnet4j backends} lists every provider of the tutorials' classpath and the choice, creating nothing. */
class BackendsCommandTest {
    @Test
    void listsEveryBackend_availableOrNotAndWhy_thenTheChoice() throws Exception {
        Cli.Result r = Cli.run("backends");

        assertThat(r.exitCode()).as(r.both()).isZero();
        String[] all = r.out().strip().split("\n");
        // Notes about this machine (BackendProvider.performanceNotes) depend on the machine: they sit between the
        // findings and the choice, each naming an available backend.
        String[] lines = Arrays.stream(all).filter(line -> !line.startsWith("resnet4j: Note on ["))
                .toArray(String[]::new);
        Arrays.stream(all).filter(line -> line.startsWith("resnet4j: Note on ["))
                .forEach(note -> assertThat(note).matches("resnet4j: Note on \\[(tf|nd4j)\\]: .+"));
        assertThat(all[all.length - 1]).as("the choice comes last").startsWith("resnet4j: Using [");
        // The priorities agreed in docs/backends.md, highest first; the three backend modules are on this classpath.
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("resnet4j: Found backend [jcuda, priority 30, ");
        assertThat(lines[1]).isEqualTo("resnet4j: Found backend [tf, priority 20, available]");
        assertThat(lines[2]).isEqualTo("resnet4j: Found backend [nd4j, priority 10, available]");
        if (lines[0].contains("unavailable")) {
            assertThat(lines[0]).containsPattern("unavailable: .+\\]$");
            assertThat(lines[3]).startsWith("resnet4j: Using [tf]; ");
        } else {
            assertThat(lines[3]).startsWith("resnet4j: Using [jcuda]; ");
        }
    }

    @Test
    void doesNotAcceptArguments() throws Exception {
        Cli.Result r = Cli.run("backends", "tf");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: resnet4j backends");
    }
}
