package org.resnet4j.tutorials.lesson11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnet4j.Backends;
import org.resnet4j.spi.Backend;
import org.resnet4j.training.StepDecay;
import org.resnet4j.tutorials.lesson11.solutions.Exercise1Solution;
import org.resnet4j.tutorials.lesson11.solutions.Exercise2Solution;
import org.resnet4j.tutorials.lesson11.solutions.Exercise3Solution;

/** Lesson 11's exercise solutions against hand arithmetic and the two weight-decay rules. */
class Lesson11ExercisesTest {

    @Test
    void exercise1_theScheduleInEpochs() {
        StepDecay schedule = Exercise1Solution.schedule();
        assertThat(schedule.rate(31_999)).isCloseTo(0.1, within(1e-9));
        assertThat(schedule.rate(32_000)).isCloseTo(0.01, within(1e-9));
        assertThat(schedule.rate(48_000)).isCloseTo(0.001, within(1e-9));
        // 50,000 / 128 = 390.6: 391 steps; 391 * 163 = 63,733 < 64,000 <= 391 * 164.
        assertThat(Exercise1Solution.stepsPerEpoch(50_000, 128)).isEqualTo(391);
        assertThat(Exercise1Solution.epochsFor(64_000, 50_000, 128)).isEqualTo(164);
        // 391 * 81 = 31,671 <= 32,000 < 391 * 82: the first drop happens in epoch 82.
        assertThat(Exercise1Solution.epochOf(32_000, 50_000, 128)).isEqualTo(82);
        // The paper's 45k/5k split: 352 steps per epoch, 352 * 181 = 63,712 < 64,000 <= 352 * 182.
        assertThat(Exercise1Solution.epochsFor(64_000, 45_000, 128)).isEqualTo(182);
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {8, 20, 56})
    void exercise2_plainAndResidual_haveTheSameWeights_andDifferOnlyByTheAdds(int depth) {
        int n = (depth - 2) / 6;
        Exercise2Solution.Counts counts = Exercise2Solution.count(depth);
        assertThat(counts.plainParameters()).isEqualTo(CifarTrainingLessonTest.cifarParameters(n));
        assertThat(counts.residualParameters()).isEqualTo(counts.plainParameters());
        // The stem and two convolutions per block; option A's shortcut is no convolution.
        assertThat(counts.plainConvolutions()).isEqualTo(1 + 6 * n);
        assertThat(counts.residualConvolutions()).isEqualTo(1 + 6 * n);
        assertThat(counts.plainAdds()).isZero();
        assertThat(counts.residualAdds()).isEqualTo(3 * n);
    }

    @Test
    void exercise3_decoupledDecayOf1em3_pullsLikeThePapersL2Of1em4() {
        int steps = 1_000;
        try (Backend backend = Backends.get()) {
            double decoupled = Exercise3Solution.decoupled(backend, 0.1, 0.9, 1e-3, steps);
            // Decoupled: w *= 1 - lr * decay each step.
            assertThat(decoupled).isCloseTo(Math.pow(1 - 0.1 * 1e-3, steps), within(1e-4));
            double paper = Exercise3Solution.coupled(0.1, 0.9, 1e-4, steps);
            // Through the momentum the L2 term builds up to 1 / (1 - 0.9) = 10 times its size within ~10 steps.
            assertThat(Math.log(paper) / Math.log(decoupled)).isBetween(0.98, 1.0);
            double literal = Exercise3Solution.decoupled(backend, 0.1, 0.9, 1e-4, steps);
            assertThat(Math.log(literal) / Math.log(paper)).isBetween(0.09, 0.11);
        }
    }
}
