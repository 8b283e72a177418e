package org.resnet4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The two error measures, on values worked out by hand. */
class TensorDifferenceTest {
    private final HostTensor a = HostTensor.of(Shape.of(3), new float[] {1, 2, 3});
    private final HostTensor b = HostTensor.of(Shape.of(3), new float[] {1, 2, 5});

    @Test
    void maxAbs_isTheLargestElementwiseDifference() {
        assertThat(TensorDifference.maxAbs(a, b)).isEqualTo(2.0);
    }

    @Test
    void relativeL2_isTheNormOfTheDifferenceOverTheNormOfTheSecond() {
        // ||(0, 0, -2)|| / ||(1, 2, 5)|| = 2 / sqrt(30)
        assertThat(TensorDifference.relativeL2(a, b)).isCloseTo(2 / Math.sqrt(30), within(1e-12));
    }

    @Test
    void relativeL2_ofZeroTensors_isZero_andAgainstZeroIsInfinite() {
        HostTensor zero = HostTensor.zeros(Shape.of(3));
        assertThat(TensorDifference.relativeL2(zero, zero)).isZero();
        assertThat(TensorDifference.relativeL2(a, zero)).isInfinite();
    }

    @Test
    void differentShapes_areRefused_namingBoth() {
        assertThatThrownBy(() -> TensorDifference.maxAbs(a, HostTensor.zeros(Shape.of(1, 3))))
                .hasMessageContaining("[3]").hasMessageContaining("[1, 3]");
    }
}
