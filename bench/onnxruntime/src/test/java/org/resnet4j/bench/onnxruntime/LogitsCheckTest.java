package org.resnet4j.bench.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The check against PyTorch's logits: relative to their largest magnitude, loud when it fails. */
class LogitsCheckTest {
    private final LogitsCheck check = new LogitsCheck("onnxruntime resnet50", 1e-3);

    @Test
    void verify_differenceWithinTheToleranceOfTheScale_passesAndReturnsIt() {
        // Largest magnitude 100, largest difference 0.05: 5e-4 of the scale.
        double relative = check.verify(new float[] {100f, -3.05f, 0f}, new float[] {100f, -3f, 0f});
        assertThat(relative).isCloseTo(5e-4, within(1e-6));
    }

    @Test
    void verify_differenceAboveTheTolerance_failsWithTheFigures() {
        // 0.5 against a scale of 100: 5e-3.
        assertThatThrownBy(() -> check.verify(new float[] {100f, 2.5f}, new float[] {100f, 2f}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("onnxruntime resnet50: its logits differ from PyTorch's by up to 0.5000,"
                        + " 0.00500 of their largest magnitude 100.0; expected at most 0.001.");
    }

    @Test
    void verify_theSameAbsoluteDifference_failsOnSmallLogitsThatItPassesOnLargeOnes() {
        assertThat(check.verify(new float[] {500.01f}, new float[] {500f})).isLessThan(1e-3);
        assertThatThrownBy(() -> check.verify(new float[] {5.01f}, new float[] {5f}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void verify_nanOrAnotherLength_fails() {
        assertThatThrownBy(() -> check.verify(new float[] {Float.NaN, 1f}, new float[] {1f, 1f}))
                .hasMessageContaining("by up to Infinity");
        assertThatThrownBy(() -> check.verify(new float[] {1f}, new float[] {1f, 1f}))
                .hasMessage("onnxruntime resnet50: expected 2 logits (PyTorch's), received: 1");
    }
}
