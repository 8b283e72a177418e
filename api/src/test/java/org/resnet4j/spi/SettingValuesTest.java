package org.resnet4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingValuesTest {

    @Test
    void absentOrBlank_isEmpty_soTheBackendUsesItsDefault() {
        assertThat(SettingValues.wholeNumber(null, "-Dx", 0, "anything")).isEmpty();
        assertThat(SettingValues.wholeInt("  ", "-Dx", 1, "anything")).isEmpty();
    }

    @Test
    void aNumberAtOrAboveTheLeast_isReturned_withSurroundingSpaceIgnored() {
        assertThat(SettingValues.wholeNumber(" 0 ", "-Dx", 0, "anything")).hasValue(0L);
        assertThat(SettingValues.wholeInt("12", "-Dx", 1, "anything")).hasValue(12);
    }

    @Test
    void belowTheLeast_isRejected_namingTheSourceAndTheExpectation() {
        assertThatThrownBy(() -> SettingValues.wholeInt("0", "-Dresnet4j.some.threads", 1,
                "a positive number of threads"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dresnet4j.some.threads expects a positive number of threads. Received: \"0\"");
    }

    @Test
    void notANumber_isRejected_withTheValueAsReceived() {
        assertThatThrownBy(() -> SettingValues.wholeNumber("lots ", "SOME_ENV", 0, "a number of MiB, 0 or more"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SOME_ENV expects a number of MiB, 0 or more. Received: \"lots \"");
    }

    @Test
    void anIntSettingBeyondTheIntRange_isRejected_notTruncated() {
        assertThatThrownBy(() -> SettingValues.wholeInt("4294967297", "-Dx", 1, "a whole number of plans"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dx expects a whole number of plans. Received: \"4294967297\"");
    }
}
