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

/** Proves the shape-error contract can fail: a backend with its own wording, or no check, fails the aimed tests. */
class ShapeErrorContractMetaTest {

    @Test
    void ownWordingOfTheKernelChannelError_failsThatTestOnly_andTheFailureShowsBothMessages() {
        Events tests = run(ShapeErrorContractSubjects.OwnWordingSubject.class);

        assertThat(names(tests.failed())).containsExactly("conv2d_kernelChannelMismatch_sameMessageOnEveryBackend");
        assertThat(names(tests.succeeded())).contains("conv2d_inputOfRank3_isRejectedWithTheRuleMessage",
                "conv2d_biasOfWrongLength_isRejectedWithTheRuleMessage");
        Event failure = tests.failed().stream().findFirst().orElseThrow();
        String message = failure.getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage();
        assertThat(message).contains("conv2d expects a kernel with 3 input channels for input [1, 7, 7, 3]. Received:",
                "conv2d expects a kernel with 3 input channels (the input's last axis), received: kernel");
    }

    @Test
    void dropoutThatIgnoresItsRate_failsTheRateTests_becauseTheCallReturnsATensor() {
        Events tests = run(ShapeErrorContractSubjects.UncheckedDropoutSubject.class);

        assertThat(names(tests.failed())).containsExactlyInAnyOrder("dropout_rateAboveOne_isRejectedWithTheRuleMessage",
                "dropout_rateNaN_isRejectedWithTheRuleMessage");
        assertThat(names(tests.succeeded())).contains("dropout_ratesZeroAndOne_areAccepted_andTheIdentityAtInference");
        assertThat(tests.skipped().count()).isZero();
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
