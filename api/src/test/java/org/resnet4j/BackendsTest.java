package org.resnet4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the static entry points print and return on the api's own classpath, which registers no backend. */
class BackendsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Set<String> printed = new HashSet<>();

    private String printedText() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usingLine_isPrintedOnce_evenWhenABackendIsChosenRepeatedly() {
        Backends.printOnce(BackendMessages.using("tf"), out, false, printed);
        Backends.printOnce(BackendMessages.using("tf"), out, false, printed);

        assertThat(printedText()).isEqualTo(BackendMessages.using("tf") + System.lineSeparator());
    }

    @Test
    void foundLines_areNotPrintedOnUse_onlyListedByDescribe() {
        Backends.printOnce(BackendMessages.found("tf", 20, org.resnet4j.spi.Availability.ok()), out, false, printed);

        assertThat(printedText()).isEmpty();
    }

    @Test
    void quiet_printsNothing() {
        Backends.printOnce(BackendMessages.using("tf"), out, true, printed);

        assertThat(printedText()).isEmpty();
    }

    @Test
    void apiAlone_findsNoBackend_andDescribeSaysWhichModulesToAdd() {
        // The api registers no provider, and its tests must not either: its test-jar is on every backend's classpath.
        assertThat(Backends.providers()).isEmpty();
        // Even with a name set in the environment, finding nothing at all is the more useful thing to say.
        assertThat(Backends.describe()).containsExactly(BackendMessages.noneFound());
    }
}
