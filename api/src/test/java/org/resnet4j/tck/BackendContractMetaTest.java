package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.resnet4j.tck.SubjectRuns.firstFailureMessage;
import static org.resnet4j.tck.SubjectRuns.names;
import static org.resnet4j.tck.SubjectRuns.testsOf;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/** Proves the contract can fail: deliberately broken ops fail exactly the tests aimed at their bug. */
class BackendContractMetaTest {

    @Test
    void samePaddingOnTop_failsTheSamePaddingTestsOnly() {
        Events tests = testsOf(BrokenContractSubjects.SamePaddingOnTopSubject.class);

        assertThat(names(tests.failed())).containsExactlyInAnyOrder(
                "conv2d_stride2_same_evenSize_putsExtraPaddingBottomRight",
                "conv2d_7x7_stride2_symmetricPadding3_matchesReference",
                "conv2d_nonSquareInputAndKernel_andUnequalStrides_matchesReference",
                "stem_convBnReluMaxPool_batch2_matchesReference",
                // the small model's stem is a 3x3/2 SAME conv on an even height
                "compiledModel_batch1AndBatch3_matchesTheModelOnReferenceOps",
                "compiledModel_predictFromSeveralThreads_matchesTheModelOnReferenceOps");
        assertThat(names(tests.succeeded())).contains("conv2d_3x3_stride1_same_matchesReference",
                "conv2d_stride2_same_oddSize_matchesReference", "stem_matchesTorchvisionGolden");
        assertThat(tests.skipped().count()).isZero();
    }

    @Test
    void zeroPaddedMaxPool_failsTheNegativeInfinityPaddingTestOnly() {
        Events tests = testsOf(BrokenContractSubjects.ZeroPaddedMaxPoolSubject.class);

        assertThat(names(tests.failed())).containsExactly("maxPool_paddingIsNegativeInfinity_onNegativeInputs");
        assertThat(names(tests.succeeded())).contains("maxPool_valid_stride2_oddAndEvenSizes_matchesReference",
                "stem_matchesTorchvisionGolden");
    }

    @Test
    void failureMessage_statesOpShapesAndBothErrors() {
        Events tests = testsOf(BrokenContractSubjects.ZeroPaddedMaxPoolSubject.class);

        String message = firstFailureMessage(tests);
        assertThat(message).contains("maxPool", "[2, 7, 7, 3]", "relative L2 error", "max abs error");
    }
}
