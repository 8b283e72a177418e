package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.Shape;

/** Per-channel normalisation: fitted statistics, the new data set, the usual constants and the errors. */
class NormalizationTest {
    /** Two samples of 1x2 pixels, 2 channels: channel 0 is {0, 1, 0.5, 0.5}, channel 1 is {0.2, 0.2, 0.2, 0.6}. */
    private static Dataset twoChannels() {
        float[] images = {0f, 0.2f, 1f, 0.2f, 0.5f, 0.2f, 0.5f, 0.6f};
        return Dataset.of("two", Shape.of(1, 2, 2), images, new int[] {1, 0}, 2);
    }

    @Test
    void fit_givesEachChannelsMeanAndPopulationStd() {
        Normalization fitted = Normalization.fit(twoChannels());
        // channel 0: mean 0.5, variance (0.25 + 0.25 + 0 + 0) / 4; channel 1: mean 0.3, variance (3 * 0.01 + 0.09) / 4.
        assertThat(fitted.mean()[0]).isCloseTo(0.5f, within(1e-7f));
        assertThat(fitted.mean()[1]).isCloseTo(0.3f, within(1e-7f));
        assertThat(fitted.std()[0]).isCloseTo((float) Math.sqrt(0.125), within(1e-7f));
        assertThat(fitted.std()[1]).isCloseTo((float) Math.sqrt(0.03), within(1e-6f));
    }

    @Test
    void apply_givesANewDataSetOfStandardisedPixels_leavingTheSourceAlone() {
        Dataset source = twoChannels();
        Dataset normalised = Normalization.of(new float[] {0.5f, 0.2f}, new float[] {0.5f, 0.4f}).apply(source);
        float[] values = new float[8];
        normalised.copySample(0, values, 0);
        normalised.copySample(1, values, 4);
        assertThat(values).containsExactly(new float[] {-1f, 0f, 1f, 0f, 0f, 0f, 0f, 1f}, within(1e-6f));
        assertThat(normalised.labels()).containsExactly(1, 0);
        assertThat(normalised.name()).isEqualTo("two");
        float[] original = new float[4];
        source.copySample(0, original, 0);
        assertThat(original).containsExactly(0f, 0.2f, 1f, 0.2f);
    }

    @Test
    void apply_fittedStatistics_giveMeanZeroStdOne() {
        Dataset normalised = Normalization.fit(twoChannels()).apply(twoChannels());
        Normalization again = Normalization.fit(normalised);
        assertThat(again.mean()).containsExactly(new float[] {0f, 0f}, within(1e-6f));
        assertThat(again.std()).containsExactly(new float[] {1f, 1f}, within(1e-6f));
    }

    @Test
    void apply_onAView_copiesTheViewsSamplesInItsOrder() {
        Dataset normalised = Normalization.of(new float[] {0f, 0f}, new float[] {1f, 1f}).apply(twoChannels()
                .slice(1, 2));
        assertThat(normalised.size()).isEqualTo(1);
        float[] values = new float[4];
        normalised.copySample(0, values, 0);
        assertThat(values).containsExactly(0.5f, 0.2f, 0.5f, 0.6f);
        assertThat(normalised.labels()).containsExactly(0);
    }

    @Test
    void apply_otherChannelCount_isRejected() {
        assertThatThrownBy(() -> Normalization.CIFAR10.apply(twoChannels()))
                .hasMessage("Normalization of 3 channels expects samples with 3 channels. Received: \"two\" of shape "
                        + "[1, 2, 2]");
    }

    @Test
    void of_badArguments_areRejected() {
        assertThatThrownBy(() -> Normalization.of(new float[] {0f}, new float[] {1f, 1f}))
                .hasMessage("Normalization expects as many standard deviations as means (at least 1). Received: 1 "
                        + "means, 2 standard deviations");
        assertThatThrownBy(() -> Normalization.of(new float[] {0f}, new float[] {0f}))
                .hasMessage("Normalization expects finite means and standard deviations > 0. Received: mean 0.0, std "
                        + "0.0 for channel 0");
    }

    @Test
    void fit_constantChannelOrEmptySet_isRejected() {
        Dataset constant = Dataset.of("flat", Shape.of(1, 2, 1), new float[] {0.5f, 0.5f}, new int[1], 1);
        assertThatThrownBy(() -> Normalization.fit(constant))
                .hasMessage("Normalization.fit expects pixels that vary. Received: channel 0 of \"flat\" is 0.5 "
                        + "everywhere");
        assertThatThrownBy(() -> Normalization.fit(constant.limit(0)))
                .hasMessage("Normalization.fit expects at least one sample. Received: an empty data set \"flat\"");
    }

    @Test
    void constants_areThePublishedValues_andNormalisedZeroIsBlack() {
        assertThat(Normalization.MNIST.mean()).containsExactly(0.1307f);
        assertThat(Normalization.MNIST.std()).containsExactly(0.3081f);
        assertThat(Normalization.FASHION_MNIST.mean()).containsExactly(0.2860f);
        assertThat(Normalization.FASHION_MNIST.std()).containsExactly(0.3530f);
        assertThat(Normalization.CIFAR10.mean()).containsExactly(0.4914f, 0.4822f, 0.4465f);
        assertThat(Normalization.CIFAR10.std()).containsExactly(0.2470f, 0.2435f, 0.2616f);
        assertThat(Normalization.MNIST.normalisedZero()).containsExactly(-0.1307f / 0.3081f);
    }
}
