package org.resnet4j.nn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Padding;

/** Shape errors name the layer, what it expected and what it received. */
class LayerErrorsTest {

    @Test
    void conv2d_onRank2Sample_namesLayerRankAndShape() {
        assertThatThrownBy(() -> Conv2D.of(8, 3).named("conv1_conv").apply(Input.of(32, 32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("conv1_conv expects input of rank 3 per sample")
                .hasMessageEndingWith(", received: shape=[32, 32]");
    }

    @Test
    void add_ofDifferentShapes_listsBothShapes() {
        Node a = Input.of(4, 4, 8);
        Node b = Conv2D.of(16, 1).apply(a);
        assertThatThrownBy(() -> Add.of().named("block_add").apply(a, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block_add expects inputs of equal shapes")
                .hasMessageContaining(", received: shapes=[[4, 4, 8], [4, 4, 16]]");
    }

    @Test
    void add_ofOneInput_isRefused() {
        assertThatThrownBy(() -> Add.of().named("lonely").apply(Input.of(3)))
                .hasMessage("lonely expects at least 2 inputs, received: 1 input");
    }

    @Test
    void dense_onImage_asksForAVector() {
        assertThatThrownBy(() -> Dense.of(10).named("fc").apply(Input.of(7, 7, 2)))
                .hasMessageStartingWith("fc expects input of rank 1 per sample")
                .hasMessageEndingWith(", received: shape=[7, 7, 2]");
    }

    @Test
    void pool_largerThanInput_givesNoOutput_andIsRefused() {
        assertThatThrownBy(() -> MaxPooling2D.of(3).named("pool").apply(Input.of(2, 2, 1)))
                .hasMessage("pool expects a 3x3 window no larger than the padded input (2x2 with padding VALID), "
                        + "received: shape=[2, 2, 1]");
    }

    @Test
    void conv_largerThanPaddedInput_isRefused_butSameOrPaddingMakesItFit() {
        assertThatThrownBy(() -> Conv2D.of(4, 7).named("big").apply(Input.of(5, 5, 3)))
                .hasMessage("big expects a 7x7 window no larger than the padded input (5x5 with padding VALID), "
                        + "received: shape=[5, 5, 3]");
        Conv2D.of(4, 7).withPadding(Padding.SAME).apply(Input.of(5, 5, 3));
        Conv2D.of(4, 7).withPadding(Padding.symmetric(1)).apply(Input.of(5, 5, 3));
    }

    @Test
    void imageLayers_onVectors_areRefused() {
        assertThatThrownBy(() -> GlobalAveragePooling2D.of().named("gap").apply(Input.of(512)))
                .hasMessageStartingWith("gap expects input of rank 3").hasMessageEndingWith(", received: shape=[512]");
        assertThatThrownBy(() -> ZeroPadding2D.of(1).named("pad").apply(Input.of(5, 5)))
                .hasMessageStartingWith("pad expects input of rank 3").hasMessageEndingWith(", received: shape=[5, 5]");
        assertThatThrownBy(() -> AveragePooling2D.of(2).named("avg").apply(Input.of(4, 4, 4, 4)))
                .hasMessageStartingWith("avg expects input of rank 3")
                .hasMessageEndingWith(", received: shape=[4, 4, 4, 4]");
    }

    @Test
    void flattenAndSoftmax_onScalarSamples_areRefused() {
        assertThatThrownBy(() -> Flatten.of().named("flat").apply(Input.of()))
                .hasMessage("flat expects input of rank at least 1 per sample, received: shape=[]");
        assertThatThrownBy(() -> Softmax.of().named("probs").apply(Input.of()))
                .hasMessageStartingWith("probs expects input of rank at least 1").hasMessageEndingWith("shape=[]");
    }

    @Test
    void unnamedLayer_isNamedByItsKerasBaseName() {
        assertThatThrownBy(() -> BatchNormalization.of().apply(Input.of()))
                .hasMessageStartingWith("batch_normalization expects");
    }

    @Test
    void badConfiguration_isRefusedWithTheReceivedValue() {
        assertThatThrownBy(() -> Activation.of("tanh")).hasMessage(
                "Activation expects one of [relu, softmax, linear]. Received: \"tanh\"");
        assertThatThrownBy(() -> Conv2D.of(0, 3)).hasMessage("Conv2D filters must be at least 1. Received: 0");
        assertThatThrownBy(() -> Conv2D.of(8, 3).withStrides(0)).hasMessageContaining("Received: 0");
        assertThatThrownBy(() -> Dropout.of(1.5)).hasMessage("Dropout expects a rate in [0, 1], received: rate=1.5");
        assertThatThrownBy(() -> Dense.of(-1)).hasMessage("Dense units must be at least 1. Received: -1");
        assertThatThrownBy(() -> BatchNormalization.of().withEpsilon(0))
                .hasMessage("BatchNormalization expects an epsilon above 0 and finite, received: epsilon=0.0");
        assertThatThrownBy(() -> ZeroPadding2D.of(-1)).hasMessageContaining("expects amounts of at least 0");
        assertThatThrownBy(() -> MaxPooling2D.of(0)).hasMessageContaining("at least 1");
    }
}
