package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.resnet4j.tck.SubjectRuns.names;
import static org.resnet4j.tck.SubjectRuns.testsOf;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/** Proves the compiled-model contract can fail: each broken lifecycle fails the test aimed at it. */
class CompiledModelContractMetaTest {

    @Test
    void backendThatLeavesItsModelsOpen_failsTheBackendClosingTestsOnly() {
        Events tests = testsOf(BrokenCompiledModelSubjects.ForgetfulSubject.class);

        assertThat(names(tests.failed())).containsExactlyInAnyOrder(
                "closingTheBackend_closesEveryModelItCompiled",
                "compile_afterTheBackendIsClosed_failsWithAClearError");
        assertThat(names(tests.succeeded())).contains(
                "predict_afterClose_failsWithTheClosedError_andClosingAgainIsHarmless",
                "predict_from8ThreadsAtOnce_isBitIdenticalToOneThread");
    }

    @Test
    void modelSharingScratchMemoryBetweenCalls_failsTheEightThreadTest() {
        Events tests = testsOf(BrokenCompiledModelSubjects.SharedScratchSubject.class);

        assertThat(names(tests.failed())).contains("predict_from8ThreadsAtOnce_isBitIdenticalToOneThread");
        assertThat(names(tests.succeeded())).contains("compiledModel_batch1AndBatch3_matchesTheModelOnReferenceOps",
                "closingTheBackend_closesEveryModelItCompiled");
    }

    @Test
    void modelFreeingItsWeightsUnderRunningCalls_failsTheCloseWhilePredictingTest() {
        Events tests = testsOf(BrokenCompiledModelSubjects.UnguardedCloseSubject.class);

        assertThat(names(tests.failed())).contains(
                "close_whileOtherThreadsPredict_finishesRunningCalls_andFailsLaterOnesWithTheClosedError");
        assertThat(names(tests.succeeded())).contains(
                "predict_afterClose_failsWithTheClosedError_andClosingAgainIsHarmless",
                "predict_from8ThreadsAtOnce_isBitIdenticalToOneThread");
    }
}
