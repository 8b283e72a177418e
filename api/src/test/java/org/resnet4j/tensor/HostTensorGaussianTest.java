package org.resnet4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Seeded normal tensors are reproducible and look standard normal. */
class HostTensorGaussianTest {
    @Test
    void sameSeed_sameTensor_otherSeed_otherTensor() {
        Shape shape = Shape.of(2, 3, 4);
        assertThat(HostTensor.gaussian(shape, 7).data()).containsExactly(HostTensor.gaussian(shape, 7).data());
        assertThat(HostTensor.gaussian(shape, 8).data()).isNotEqualTo(HostTensor.gaussian(shape, 7).data());
        assertThat(HostTensor.gaussian(shape, 7).shape()).isEqualTo(shape);
    }

    @Test
    void manyValues_haveMeanNearZeroAndStandardDeviationNearOne() {
        float[] d = HostTensor.gaussian(Shape.of(100_000), 1).data();
        double sum = 0;
        double squares = 0;
        for (float v : d) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / d.length;
        // Standard error of the mean for 1e5 samples is about 0.003; of the variance about 0.0045.
        assertThat(mean).isCloseTo(0, within(0.02));
        assertThat(squares / d.length - mean * mean).isCloseTo(1, within(0.03));
    }
}
