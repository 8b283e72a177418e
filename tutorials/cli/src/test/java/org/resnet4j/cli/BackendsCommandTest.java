package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code resnet4j backends} lists every provider of the tutorials' classpath and the choice, creating nothing. */
class BackendsCommandTest {
    @Test
    void listsEveryBackend_availableOrNotAndWhy_thenTheChoice() throws Exception {
        Cli.Result r = Cli.run("backends");

        assertThat(r.exitCode()).as(r.both()).isZero();
        String[] lines = r.out().strip().split("\n");
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
