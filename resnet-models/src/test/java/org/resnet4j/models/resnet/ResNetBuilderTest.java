package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ZeroPadding2D;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.Shape;

/** The builder's options, on narrow (base width 8) networks so that building stays cheap. */
class ResNetBuilderTest {

    private static ResNetConfig narrow(int depth) {
        return ResNets.torchvisionConfig(depth).withBaseWidth(8);
    }

    @ParameterizedTest
    @EnumSource(PaddingStyle.class)
    void everyPaddingStyle_reachesA7x7MapAt224(PaddingStyle style) {
        Model model = ResNet.build(narrow(18).withHead(Head.FEATURES)
                .withSettings(BlockSettings.torchvision().withPadding(style)));

        assertThat(model.outputs().get(0).shape()).isEqualTo(Shape.of(7, 7, 64));
    }

    @Test
    void torchvisionStyle_padsStemConvBy3AndPoolBy1() {
        Model model = ResNet.build(narrow(18));

        assertThat(((Conv2D) model.layer("conv1_conv")).padding()).isEqualTo(Padding.symmetric(3));
        assertThat(((MaxPooling2D) model.layer("pool1_pool")).options().padding()).isEqualTo(Padding.symmetric(1));
        assertThat(((Conv2D) model.layer("conv1_conv")).useBias()).isFalse();
    }

    @Test
    void kerasApplicationsStyle_zeroPadsThenConvolvesValid() {
        Model model = ResNet.build(narrow(50).withSettings(BlockSettings.kerasApplications()));

        assertThat(((ZeroPadding2D) model.layer("conv1_pad")).padding()).isEqualTo(Padding.symmetric(3));
        assertThat(((ZeroPadding2D) model.layer("pool1_pad")).padding()).isEqualTo(Padding.symmetric(1));
        assertThat(((Conv2D) model.layer("conv1_conv")).padding()).isEqualTo(Padding.VALID);
        assertThat(((Conv2D) model.layer("conv1_conv")).useBias()).isTrue();
    }

    @Test
    void kerasSeedStyle_poolsTheUnpaddedStemOutputTo55x55() {
        Model model = ResNet.build(narrow(50).withSettings(BlockSettings.kerasApplications()
                .withPadding(PaddingStyle.KERAS_SEED)));

        // Original Keras ResNet50: (224 + 6 - 7) / 2 + 1 = 112 after conv1, (112 - 3) / 2 + 1 = 55 after the pool.
        assertThat(((Conv2D) model.layer("conv1_conv")).padding()).isEqualTo(Padding.VALID);
        assertThat(model.layers()).extracting(l -> l.name()).doesNotContain("pool1_pad");
        Node pool = model.nodes().stream().filter(n -> n.layer().name().equals("pool1_pool")).findFirst().orElseThrow();
        assertThat(pool.shape()).isEqualTo(Shape.of(55, 55, 8));
        assertThat(model.parameterCount()).isEqualTo(ResNet.build(narrow(50)
                .withSettings(BlockSettings.kerasApplications())).parameterCount());
    }

    @Test
    void bottleneckNetworks_openConv2WithAStride1Projection_basicNetworksWithIdentity() {
        Model fifty = ResNet.build(narrow(50));
        Model eighteen = ResNet.build(narrow(18));

        Conv2D projection = (Conv2D) fifty.layer("conv2_block1_0_conv");
        assertThat(projection.strideHeight()).isEqualTo(1);
        assertThat(projection.filters()).isEqualTo(32);
        assertThat(eighteen.layers()).extracting(l -> l.name()).doesNotContain("conv2_block1_0_conv")
                .contains("conv3_block1_0_conv", "conv4_block1_0_conv", "conv5_block1_0_conv");
    }

    @Test
    void depthOutsideTable1_isRejected() {
        assertThatThrownBy(() -> ResNetConfig.ofDepth(20)).hasMessageContaining("18, 34, 50, 101 or 152")
                .hasMessageContaining("Received: 20");
    }

    @Test
    void classesAndInputSize_areHonoured() {
        Model model = ResNet.build(narrow(18).withClasses(10).withInputSize(64, 64).withHead(Head.SOFTMAX));

        assertThat(model.inputs().get(0).shape()).isEqualTo(Shape.of(64, 64, 3));
        assertThat(model.outputs().get(0).shape()).isEqualTo(Shape.of(10));
    }
}
