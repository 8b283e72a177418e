package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.Shape;

/** The CIFAR-10 ResNets of the paper's section 4.2 against its Table 6. */
class CifarResNetTest {

    // Table 6 prints millions rounded to 2 significant digits (3 for 19.4M); the paper used option A on CIFAR.
    @ParameterizedTest(name = "resnet{0}: {1}M")
    @CsvSource({"20, 0.27", "32, 0.46", "44, 0.66", "56, 0.85", "110, 1.7", "1202, 19.4"})
    void optionA_parameters_roundToTable6(int depth, double millions) {
        Model model = CifarResNet.build(depth, CifarShortcut.A_ZERO_PAD);

        double m = model.trainableParameterCount() / 1e6;
        double unit = millions < 1 ? 0.01 : 0.1;
        assertThat(Math.round(m / unit) * unit).isCloseTo(millions, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(model.outputs().get(0).shape()).isEqualTo(Shape.of(10));
    }

    @Test
    void optionB_addsExactlyTheTwoProjections() {
        Model a = CifarResNet.build(20, CifarShortcut.A_ZERO_PAD);
        Model b = CifarResNet.build(20, CifarShortcut.B_PROJECTION);

        // conv3_block1_0: 1x1 16->32 conv + BN(32); conv4_block1_0: 1x1 32->64 conv + BN(64).
        long projections = (16 * 32 + 2 * 32) + (32 * 64 + 2 * 64);
        assertThat(b.trainableParameterCount() - a.trainableParameterCount()).isEqualTo(projections);
        assertThat(b.layer("conv3_block1_0_conv")).isNotNull();
        assertThat(a.layer("conv3_block1_0_pad")).isInstanceOf(ZeroPadShortcut.class);
    }

    @Test
    void stages_halveTheMapAndDoubleTheWidth() {
        Model model = CifarResNet.build(20, CifarShortcut.B_PROJECTION, BlockSettings.torchvision(), Head.FEATURES, 10);

        assertThat(model.outputs().get(0).shape()).isEqualTo(Shape.of(8, 8, 64));
    }

    @Test
    void depthNotSixNPlusTwo_isRejected() {
        assertThatThrownBy(() -> CifarResNet.build(21, CifarShortcut.A_ZERO_PAD))
                .hasMessageContaining("6n + 2").hasMessageContaining("Received: 21");
    }
}
