package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Proves the contract can fail: deliberately broken ops fail exactly the tests aimed at their bug. */
class BackendContractMetaTest {

    @Test
    void samePaddingOnTop_failsTheSamePaddingTestsOnly() {
        Events tests = run(BrokenContractSubjects.SamePaddingOnTopSubject.class);

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
        Events tests = run(BrokenContractSubjects.ZeroPaddedMaxPoolSubject.class);

        assertThat(names(tests.failed())).containsExactly("maxPool_paddingIsNegativeInfinity_onNegativeInputs");
        assertThat(names(tests.succeeded())).contains("maxPool_valid_stride2_oddAndEvenSizes_matchesReference",
                "stem_matchesTorchvisionGolden");
    }

    @Test
    void failureMessage_statesOpShapesAndBothErrors() {
        Events tests = run(BrokenContractSubjects.ZeroPaddedMaxPoolSubject.class);

        Event failure = tests.failed().stream().findFirst().orElseThrow();
        String message = failure.getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage();
        assertThat(message).contains("maxPool", "[2, 7, 7, 3]", "relative L2 error", "max abs error");
    }

    private static Events run(Class<?> subject) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(subject)).execute().testEvents();
    }

    private static Set<String> names(Events events) {
        Set<String> names = new TreeSet<>();
        events.stream().forEach(e -> names.add(
                ((MethodSource) e.getTestDescriptor().getSource().orElseThrow()).getMethodName()));
        return names;
    }
}
