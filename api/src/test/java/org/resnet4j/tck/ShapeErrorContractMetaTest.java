package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.resnet4j.tck.SubjectRuns.firstFailureMessage;
import static org.resnet4j.tck.SubjectRuns.names;
import static org.resnet4j.tck.SubjectRuns.testsOf;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/** Proves the shape-error contract can fail: a backend with its own wording, or no check, fails the aimed tests. */
class ShapeErrorContractMetaTest {

    @Test
    void ownWordingOfTheKernelChannelError_failsThatTestOnly_andTheFailureShowsBothMessages() {
        Events tests = testsOf(ShapeErrorContractSubjects.OwnWordingSubject.class);

        assertThat(names(tests.failed())).containsExactly("conv2d_kernelChannelMismatch_sameMessageOnEveryBackend");
        assertThat(names(tests.succeeded())).contains("conv2d_inputOfRank3_isRejectedWithTheRuleMessage",
                "conv2d_biasOfWrongLength_isRejectedWithTheRuleMessage");
        String message = firstFailureMessage(tests);
        assertThat(message).contains("conv2d expects a kernel with 3 input channels for input [1, 7, 7, 3]. Received:",
                "conv2d expects a kernel with 3 input channels (the input's last axis), received: kernel");
    }

    @Test
    void dropoutThatIgnoresItsRate_failsTheRateTests_becauseTheCallReturnsATensor() {
        Events tests = testsOf(ShapeErrorContractSubjects.UncheckedDropoutSubject.class);

        assertThat(names(tests.failed())).containsExactlyInAnyOrder("dropout_rateAboveOne_isRejectedWithTheRuleMessage",
                "dropout_rateNaN_isRejectedWithTheRuleMessage");
        assertThat(names(tests.succeeded())).contains("dropout_ratesZeroAndOne_areAccepted_andTheIdentityAtInference");
        assertThat(tests.skipped().count()).isZero();
    }
}
