package org.resnet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Learning-rate schedules at the steps where they change, against values worked out by hand. */
class SchedulesTest {
    @Test
    void stepDecay_theCifarRecipe_dividesBy10At32kAnd48kIterations() {
        StepDecay cifar = StepDecay.of(0.1, 0.1, 32_000, 48_000);
        assertThat(cifar.rate(0)).isEqualTo(0.1);
        assertThat(cifar.rate(31_999)).isEqualTo(0.1);
        assertThat(cifar.rate(32_000)).isCloseTo(0.01, within(1e-15));
        assertThat(cifar.rate(47_999)).isCloseTo(0.01, within(1e-15));
        assertThat(cifar.rate(48_000)).isCloseTo(0.001, within(1e-15));
        assertThat(cifar.rate(64_000)).isCloseTo(0.001, within(1e-15));
    }

    @Test
    void stepDecay_refusesBoundariesOutOfOrder() {
        assertThatThrownBy(() -> StepDecay.of(0.1, 0.1, 48_000, 32_000))
                .hasMessage("StepDecay expects ascending boundaries of 1 or more. Received: [48000, 32000]");
        assertThatThrownBy(() -> StepDecay.of(0, 0.1)).hasMessage("StepDecay expects a positive initial rate."
                + " Received: 0.0");
    }

    @Test
    void cosineDecay_fallsFromTheInitialRateToAlphaTimesIt_alongHalfACosine() {
        CosineDecay decay = CosineDecay.of(1.0, 10);
        assertThat(decay.rate(0)).isEqualTo(1.0);
        assertThat(decay.rate(5)).isCloseTo(0.5, within(1e-15));          // cos(pi/2) = 0
        assertThat(decay.rate(10)).isCloseTo(0.0, within(1e-15));         // cos(pi) = -1
        assertThat(decay.rate(20)).isCloseTo(0.0, within(1e-15));         // held at the end
        // step 2.5 of 10 is a quarter: (1 + cos(pi/4)) / 2 = (1 + 0.70710678...) / 2, at initial 0.2: 0.17071...
        assertThat(CosineDecay.of(0.2, 4).rate(1)).isCloseTo(0.2 * (1 + Math.sqrt(0.5)) / 2, within(1e-15));
        CosineDecay floor = decay.withAlpha(0.1);
        assertThat(floor.rate(10)).isCloseTo(0.1, within(1e-15));
        assertThat(floor.rate(5)).isCloseTo(0.55, within(1e-15));         // 0.9 * 0.5 + 0.1
    }

    @Test
    void optimizers_haveASettableLearningRate_andRefuseANonPositiveOne() {
        Adam adam = Adam.of();
        adam.setLearningRate(0.5);
        assertThat(adam.learningRate()).isEqualTo(0.5);
        assertThat(adam.settings(1).learningRate()).isEqualTo(0.5f);
        Sgd sgd = Sgd.of(0.1).withMomentum(0.9);
        sgd.setLearningRate(0.01);
        assertThat(sgd.settings().learningRate()).isEqualTo(0.01f);
        assertThat(sgd.settings().momentum()).isEqualTo(0.9f);
        assertThatThrownBy(() -> adam.setLearningRate(0)).hasMessage("Adam expects a positive learning rate."
                + " Received: 0.0");
        assertThatThrownBy(() -> sgd.setLearningRate(-1)).hasMessage("SGD expects a positive learning rate."
                + " Received: -1.0");
    }

    @Test
    void optimizerConfig_rebuildsTheSameOptimizer() {
        Optimizer adam = Adam.of().withLearningRate(3e-4).withBetas(0.8, 0.99).withEpsilon(1e-3)
                .withWeightDecay(0.01).withPyTorchEpsilon();
        assertThat(Optimizers.fromConfig(adam.config()).config()).isEqualTo(adam.config());
        assertThat(adam.config()).containsEntry("learning_rate", (double) 3e-4f).containsEntry("beta_1",
                (double) 0.8f).containsEntry("pytorch_epsilon", true);
        Optimizer sgd = Sgd.of(0.1).withMomentum(0.9).withNesterov().withWeightDecay(1e-4);
        assertThat(Optimizers.fromConfig(sgd.config()).config()).isEqualTo(sgd.config());
        assertThat(Optimizers.fromConfig(Sgd.of().config()).config()).isEqualTo(Sgd.of().config());
        assertThatThrownBy(() -> Optimizers.fromConfig(java.util.Map.of("name", "rmsprop")))
                .hasMessage("Optimizers.fromConfig expects name \"adam\" or \"sgd\". Received: {name=rmsprop}");
    }
}
