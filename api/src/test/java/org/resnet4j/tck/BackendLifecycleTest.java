package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.resnet4j.tck.SubjectRuns.message;
import static org.resnet4j.tck.SubjectRuns.names;
import static org.resnet4j.tck.SubjectRuns.runWithKnownGaps;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit's lifecycle ({@link BackendUnderTest}, {@link BackendLifecycle}) on test doubles: one backend per class,
 * closed after it; skips that carry the probe's or the known gap's reason and are never reported as passes; a
 * backend that cannot be created fails every test; a known-gaps file that names a missing test fails loudly.
 */
class BackendLifecycleTest {
    private static final int CONTRACT_TESTS = KnownGaps.contractTestNames().size();

    @Test
    void unavailableBackend_isSkippedWithTheProbeReason_neverPassed() {
        EngineExecutionResults results = runWithKnownGaps(LifecycleSubjects.UnavailableSubject.class, KnownGaps.SHIPPED);

        assertThat(results.testEvents().succeeded().count()).isZero();
        assertThat(results.testEvents().failed().count()).isZero();
        assertThat(results.testEvents().aborted().count()).as("every contract test reported as skipped")
                .isEqualTo(CONTRACT_TESTS);
        assertThat(results.testEvents().aborted().stream().map(SubjectRuns::message))
                .allMatch(m -> m.equals("Assumption failed: backend \"unavailable\" unavailable: "
                        + LifecycleSubjects.UnavailableProvider.REASON));
    }

    @Test
    void backendWhoseCreateThrows_failsEveryTest_withTheCause() {
        EngineExecutionResults results = runWithKnownGaps(LifecycleSubjects.CreateThrowsSubject.class, KnownGaps.SHIPPED);

        assertThat(results.testEvents().succeeded().count()).isZero();
        assertThat(results.testEvents().aborted().count()).isZero();
        assertThat(results.testEvents().failed().count()).isEqualTo(CONTRACT_TESTS);
        assertThat(message(results.testEvents().failed().stream().findFirst().orElseThrow()))
                .contains("create-throws", LifecycleSubjects.CreateThrowsProvider.MESSAGE);
    }

    @Test
    void backend_isCreatedOncePerClass_andClosedAfterTheClassesAfterAllMethods() {
        int createdBefore = LifecycleSubjects.CountingProvider.CREATED.get();
        int closedBefore = LifecycleSubjects.CountingProvider.CLOSED.get();

        EngineExecutionResults results = runWithKnownGaps(LifecycleSubjects.CountingSubject.class, KnownGaps.SHIPPED);

        assertThat(results.testEvents().succeeded().count()).as("the tests of ShapeOpsContract").isEqualTo(2);
        assertThat(results.containerEvents().failed().count()).isZero();
        assertThat(LifecycleSubjects.CountingProvider.CREATED.get() - createdBefore).isEqualTo(1);
        assertThat(LifecycleSubjects.CountingProvider.CLOSED.get() - closedBefore).isEqualTo(1);
        assertThat(LifecycleSubjects.CountingSubject.CLOSED_BEFORE_AFTER_ALL.get())
                .as("backends closed when the subject's @AfterAll ran").isEqualTo(closedBefore);
    }

    @Test
    void knownGap_isSkippedWithItsReason_andEveryOtherTestRuns() {
        EngineExecutionResults results = runWithKnownGaps(LifecycleSubjects.GappedSubject.class,
                "org/resnet4j/tck/known-gaps-metatest.txt");

        List<Event> skipped = results.testEvents().aborted().list();
        assertThat(skipped).extracting(SubjectRuns::methodName).containsExactly("relu_matchesReference");
        assertThat(message(skipped.get(0))).isEqualTo("known gap of backend \"gapped\" "
                + "(org/resnet4j/tck/known-gaps-metatest.txt): the relu kernel of this test double is not written yet");
        assertThat(results.testEvents().failed().count()).isZero();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(CONTRACT_TESTS - 1);
    }

    @Test
    void knownGap_doesNotSkipABackendsOwnTestOfTheSameName() {
        EngineExecutionResults results = runWithKnownGaps(LifecycleSubjects.OwnTestNamedLikeAContractTestSubject.class,
                "org/resnet4j/tck/known-gaps-metatest.txt");

        assertThat(results.testEvents().succeeded().list()).extracting(SubjectRuns::methodName)
                .containsExactly("relu_matchesReference");
        assertThat(results.testEvents().aborted().count()).isZero();
    }

    @Test
    void knownGap_namingNoContractTest_failsTheClassLoudly_andRunsNothing() {
        EngineExecutionResults results = runWithKnownGaps(LifecycleSubjects.GappedSubject.class,
                "org/resnet4j/tck/known-gaps-rotten.txt");

        assertThat(results.testEvents().succeeded().count()).isZero();
        Event classFailure = results.containerEvents().failed().stream().findFirst().orElseThrow();
        assertThat(message(classFailure)).contains("org/resnet4j/tck/known-gaps-rotten.txt",
                "line 3 names \"relu_matchesTheOldReference\" (backend gapped)");
    }
}
