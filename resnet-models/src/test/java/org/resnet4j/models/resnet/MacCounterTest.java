package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Padding;

/** Multiply-accumulate counts against hand arithmetic and the paper's Table 1. */
class MacCounterTest {

    @Test
    void convAndDense_countProductsOnly() {
        Node in = Input.of(8, 8, 3);
        Node x = Conv2D.of(4, 3).withStrides(2).withPadding(Padding.SAME).named("c").apply(in);
        Node flat = org.resnet4j.nn.Flatten.of().apply(x);
        Node y = Dense.of(5).named("d").apply(flat);
        Model model = Model.of("tiny", in, y);

        // conv: 4x4 output cells x 4 filters x 3x3x3 window; dense: 64 inputs x 5 units.
        assertThat(MacCounter.byLayer(model)).containsEntry("c", 4L * 4 * 4 * 27).containsEntry("d", 64L * 5);
        assertThat(MacCounter.count(model)).isEqualTo(4L * 4 * 4 * 27 + 64L * 5);
    }

    @Test
    void stridePlacement_changesOnlyBottleneckNetworks() {
        ResNetConfig narrow50 = ResNets.torchvisionConfig(50).withBaseWidth(8);
        ResNetConfig narrow18 = ResNets.torchvisionConfig(18).withBaseWidth(8);
        BlockSettings v1 = BlockSettings.torchvision().withStridePlacement(StridePlacement.FIRST_1X1);

        assertThat(MacCounter.count(ResNet.build(narrow50.withSettings(v1))))
                .isLessThan(MacCounter.count(ResNet.build(narrow50)));
        assertThat(MacCounter.count(ResNet.build(narrow18.withSettings(v1))))
                .isEqualTo(MacCounter.count(ResNet.build(narrow18)));
    }

    @Test
    void layersWithoutProducts_areNotListed() {
        assertThat(MacCounter.byLayer(CifarResNet.build(20, CifarShortcut.A_ZERO_PAD)).keySet())
                .allMatch(name -> name.endsWith("_conv") || name.equals("predictions"));
            }
}
