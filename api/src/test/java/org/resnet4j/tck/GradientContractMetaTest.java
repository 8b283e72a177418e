package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.resnet4j.tck.SubjectRuns.failureMessage;
import static org.resnet4j.tck.SubjectRuns.names;
import static org.resnet4j.tck.SubjectRuns.testsOf;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/** Proves the gradient contract can fail: each deliberately wrong primitive fails the tests aimed at it, only them. */
class GradientContractMetaTest {
    private static final String TAPE_TEST =
            "smallResidualNetwork_twoSgdStepsOnTheTape_everyGradientAndParameterMatchesTheReference";

    @Test
    void avgPoolBackwardCountingThePadding_failsTheAvgPoolTestsAndTheTapeTest() {
        Events tests = testsOf(BrokenGradientSubjects.PaddingCountedAvgPoolSubject.class);

        assertThat(names(tests.failed())).containsExactlyInAnyOrder(
                "avgPoolBackward_same_paddingNotCounted_matchesReference",
                "avgPoolBackward_explicitAndValid_matchesReference", TAPE_TEST);
        assertThat(names(tests.succeeded())).contains("maxPoolBackward_noTies_sameSymmetricAndValid_gradientGoesToEachWinner",
                "globalAvgPoolBackward_spreadsEachGradientOverItsChannel");
        assertThat(tests.skipped().count()).isZero();
        assertThat(failureMessage(tests, TAPE_TEST)).contains("the first tensor that diverges is \"step 1 gradient of");
    }

    @Test
    void movingVarianceUpdatedWithTheUnbiasedVariance_failsTheBatchNormTrainingTestsAndTheTapeTest() {
        Events tests = testsOf(BrokenGradientSubjects.UnbiasedMovingVarianceSubject.class);

        assertThat(names(tests.failed())).containsExactlyInAnyOrder(
                "batchNormTraining_image_outputBatchStatistics_andMovingStatisticsUpdatedInPlace",
                "batchNormTraining_rank2_outputBatchStatistics_andMovingStatisticsUpdatedInPlace", TAPE_TEST);
        assertThat(failureMessage(tests, "batchNormTraining_rank2_outputBatchStatistics_andMovingStatisticsUpdatedInPlace"))
                .contains("moving variance (updated in place)");
        // Gradients do not read the moving statistics: the first divergence is a moving variance after the steps.
        assertThat(failureMessage(tests, TAPE_TEST)).contains("the first tensor that diverges is \"after 2 steps: stem_bn/"
                + "moving_variance\"");
    }

    @Test
    void convolutionBackwardWithSamePaddingOnTheTop_failsTheOddSamePaddingTestsAndTheTapeTest() {
        Events tests = testsOf(BrokenGradientSubjects.SamePaddingOnTopSubject.class);

        assertThat(names(tests.failed())).containsExactlyInAnyOrder(
                "conv2dBackward_stride2_same_oddAndEvenSizes_extraPaddingBottomRight",
                "conv2dBackward_7x7_stride2_symmetric3AndSame_matchesReference",
                "conv2dBackward_stride3_unequalStrides_andPaddingWiderThanTheKernel_matchesReference",
                "conv2dBackward_withoutInputGradient_returnsNoInputGradient_andTheSameKernelGradient", TAPE_TEST);
        assertThat(names(tests.succeeded())).contains("conv2dBackward_3x3_stride1_same_matchesReference",
                "conv2dBackward_explicitAsymmetricPadding_stride1And2_matchesReference");
        assertThat(failureMessage(tests, TAPE_TEST)).contains("\"step 1 gradient of");
    }

    @Test
    void opsWithoutBackwardPrimitives_failEveryTest_withTrainingNotSupported() {
        Events tests = testsOf(BrokenGradientSubjects.NotTrainingSubject.class);

        assertThat(tests.succeeded().count()).isZero();
        assertThat(tests.skipped().count()).isZero();
        assertThat(failureMessage(tests, "multiply_elementwiseProduct_matchesReference"))
                .startsWith("Training not supported by ReferenceOps");
    }
}
