package org.resnet4j.tutorials.lesson08;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnet4j.Backends;
import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.spi.Backend;
import org.resnet4j.tutorials.lesson08.solutions.Exercise1Solution;
import org.resnet4j.tutorials.lesson08.solutions.Exercise2Solution;
import org.resnet4j.tutorials.lesson08.solutions.Exercise3Solution;

/** Lesson 8's exercise solutions against the built models, the paper's Table 6 and hand-counted multiply-adds. */
class Lesson08ExercisesTest {

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 3, 5, 7, 9, 12, 18})
    void exercise1_closedForm_equalsTheBuiltModel(int n) {
        assertThat(Exercise1Solution.optionAParameters(n))
                .isEqualTo(ResNets.cifar(6 * n + 2, CifarShortcut.A_ZERO_PAD).trainableParameterCount());
    }

    @ParameterizedTest(name = "depth {0}: {1}M")
    @CsvSource({"20, 0.27", "32, 0.46", "44, 0.66", "56, 0.85", "110, 1.7", "1202, 19.4"})
    void exercise1_closedForm_roundsToPaperTable6(int depth, double millions) {
        double m = Exercise1Solution.optionAParameters((depth - 2) / 6) / 1e6;
        double unit = millions < 1 ? 0.01 : 0.1;
        assertThat(Math.round(m / unit) * unit).isCloseTo(millions, org.assertj.core.data.Offset.offset(1e-9));
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {20, 56, 110})
    void exercise2_multiplyAdds_matchAHandCount(int depth) {
        int n = (depth - 2) / 6;
        long stem = 32L * 32 * 3 * 3 * 3 * 16;
        // Every 3x3 convolution that keeps its width costs 32*32*9*16*16 = 16*16*9*32*32 = 8*8*9*64*64 multiply-adds;
        // the first convolution of stages 2 and 3 has half the input channels, so half of that.
        long full = 32L * 32 * 9 * 16 * 16;
        long convs = 2L * n * full + 2 * (full / 2 + (2L * n - 1) * full);
        long dense = 64 * 10;
        assertThat(Exercise2Solution.multiplyAdds(depth)).isEqualTo(stem + convs + dense);
    }

    @Test
    void exercise3_eachBlockMultipliesTheSignalBySqrtOf1point5To3_onAverage() {
        // Fresh He-normal weights and identity BatchNorm: for x = a block's input (mean square q), the branch F has
        // mean square 2q (conv, ReLU halves, conv), x + F has 3q, and the final ReLU keeps between half and all of it.
        List<Double> ratios;
        try (Backend backend = Backends.get()) {
            ratios = Exercise3Solution.growthPerBlock(backend, 56, 1);
        }
        assertThat(ratios).hasSize(9);
        double logSum = 0;
        for (double r : ratios) {
            logSum += Math.log(r);
        }
        double geometricMean = Math.exp(logSum / ratios.size());
        assertThat(geometricMean).isBetween(Math.sqrt(1.5), Math.sqrt(3));
    }
}
