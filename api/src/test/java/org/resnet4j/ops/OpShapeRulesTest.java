package org.resnet4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The op shape rules on their own: output shapes worked out by hand, and every message written out in full so that
 * a changed wording shows here as well as in the backends' contract.
 */
class OpShapeRulesTest {

    // ---------------------------------------------------------------- conv2d

    @Test
    void conv2d_outputShapes_followValidSameAndExplicitPadding() {
        // VALID, stride 2: floor((7 - 3) / 2) + 1 = 3; SAME, stride 2: ceil(7 / 2) = 4
        assertThat(ConvolutionShapes.conv2d(Shape.of(2, 7, 7, 3), Shape.of(3, 3, 3, 8), null,
                Conv2dOptions.of(2, Padding.VALID))).isEqualTo(Shape.of(2, 3, 3, 8));
        assertThat(ConvolutionShapes.conv2d(Shape.of(2, 7, 7, 3), Shape.of(3, 3, 3, 8), Shape.of(8),
                Conv2dOptions.of(2, Padding.SAME))).isEqualTo(Shape.of(2, 4, 4, 8));
        // the ResNet stem: 7x7/2 with 3 on each side, (224 + 6 - 7) / 2 + 1 = 112
        assertThat(ConvolutionShapes.conv2d(Shape.of(1, 224, 224, 3), Shape.of(7, 7, 3, 64), null,
                Conv2dOptions.of(2, Padding.symmetric(3)))).isEqualTo(Shape.of(1, 112, 112, 64));
        // non-square: height (6 + 1 + 0 - 2) / 1 + 1 = 6, width (5 - 3) / 2 + 1 = 2
        assertThat(ConvolutionShapes.conv2d(Shape.of(1, 6, 5, 2), Shape.of(2, 3, 2, 1), null,
                new Conv2dOptions(1, 2, Padding.explicit(1, 0, 0, 0)))).isEqualTo(Shape.of(1, 6, 2, 1));
    }

    @Test
    void conv2d_padding_isTensorFlowsSame_extraRowAtTheBottom() {
        // SAME on 8 with k=3, s=2: output 4, total padding (4 - 1) * 2 + 3 - 8 = 1, all of it at the bottom/right
        assertThat(ConvolutionShapes.padding(Shape.of(1, 8, 8, 1), Shape.of(3, 3, 1, 1),
                Conv2dOptions.of(2, Padding.SAME))).isEqualTo(Padding.explicit(0, 1, 0, 1));
    }

    @Test
    void conv2d_rejections_nameTheArgumentAndQuoteItsShape() {
        Conv2dOptions valid = Conv2dOptions.of(1, Padding.VALID);
        assertThatThrownBy(() -> ConvolutionShapes.conv2d(Shape.of(5, 5, 3), Shape.of(3, 3, 3, 1), null, valid))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("conv2d expects an input of rank 4 "
                        + "[batch, height, width, channels], received: input shape=[5, 5, 3]");
        assertThatThrownBy(() -> ConvolutionShapes.conv2d(Shape.of(1, 5, 5, 3), Shape.of(9, 3), null, valid))
                .hasMessage("conv2d expects a kernel of rank 4 [height, width, in, out], received: kernel "
                        + "shape=[9, 3]");
        assertThatThrownBy(() -> ConvolutionShapes.conv2d(Shape.of(1, 7, 7, 3), Shape.of(3, 3, 4, 8), null, valid))
                .hasMessage("conv2d expects a kernel with 3 input channels (the input's last axis), received: "
                        + "kernel shape=[3, 3, 4, 8], input shape=[1, 7, 7, 3]");
        assertThatThrownBy(() -> ConvolutionShapes.conv2d(Shape.of(1, 5, 5, 3), Shape.of(3, 3, 3, 8), Shape.of(1, 8),
                valid)).hasMessage("conv2d expects bias of shape [8] (the kernel's last axis), received: bias "
                        + "shape=[1, 8]");
        assertThatThrownBy(() -> ConvolutionShapes.conv2d(Shape.of(1, 5, 5, 3), Shape.of(3, 3, 3, 8), null, null))
                .hasMessage("conv2d expects stride and padding options, received: options=null");
    }

    @Test
    void conv2d_windowLargerThanThePaddedInput_isRejected_butPaddingThatMakesItFitIsNot() {
        assertThatThrownBy(() -> ConvolutionShapes.conv2d(Shape.of(1, 5, 5, 3), Shape.of(7, 7, 3, 4), null,
                Conv2dOptions.of(1, Padding.VALID))).hasMessage("conv2d expects a 7x7 window no larger than the "
                        + "padded input (5x5 with padding VALID), received: input shape=[1, 5, 5, 3]");
        // 5 + 1 + 1 = 7 fits exactly: one output row and column
        assertThat(ConvolutionShapes.conv2d(Shape.of(1, 5, 5, 3), Shape.of(7, 7, 3, 4), null,
                Conv2dOptions.of(1, Padding.symmetric(1)))).isEqualTo(Shape.of(1, 1, 1, 4));
        assertThat(ConvolutionShapes.conv2d(Shape.of(1, 5, 5, 3), Shape.of(7, 7, 3, 4), null,
                Conv2dOptions.of(1, Padding.SAME))).isEqualTo(Shape.of(1, 5, 5, 4));
    }

    @Test
    void conv2d_checksInOrder_channelsBeforeBiasBeforeWindow() {
        assertThatThrownBy(() -> ConvolutionShapes.conv2d(Shape.of(1, 2, 2, 3), Shape.of(7, 7, 4, 8), Shape.of(1),
                Conv2dOptions.of(1, Padding.VALID))).hasMessageStartingWith("conv2d expects a kernel with 3 input");
        assertThatThrownBy(() -> ConvolutionShapes.conv2d(Shape.of(1, 2, 2, 3), Shape.of(7, 7, 3, 8), Shape.of(1),
                Conv2dOptions.of(1, Padding.VALID))).hasMessageStartingWith("conv2d expects bias of shape [8]");
    }

    // ---------------------------------------------------------------- pooling

    @Test
    void pools_outputShapes() {
        // the ResNet stem pool: 3x3/2 with 1 on each side, (112 + 2 - 3) / 2 + 1 = 56
        assertThat(PoolingShapes.maxPool(Shape.of(1, 112, 112, 64), PoolOptions.of(3, 2, Padding.symmetric(1))))
                .isEqualTo(Shape.of(1, 56, 56, 64));
        // SAME, stride 2 on 5: ceil(5 / 2) = 3
        assertThat(PoolingShapes.avgPool(Shape.of(2, 5, 5, 3), PoolOptions.of(2, 2, Padding.SAME)))
                .isEqualTo(Shape.of(2, 3, 3, 3));
        assertThat(PoolingShapes.globalAvgPool(Shape.of(2, 7, 7, 512))).isEqualTo(Shape.of(2, 512));
        assertThat(PoolingShapes.padding(Shape.of(1, 4, 4, 1), PoolOptions.of(2, 2, Padding.SAME)))
                .isEqualTo(Padding.explicit(0, 0, 0, 0));
    }

    @Test
    void pools_rejections() {
        assertThatThrownBy(() -> PoolingShapes.maxPool(Shape.of(4, 4), PoolOptions.of(2, 2, Padding.VALID)))
                .hasMessage("maxPool expects an input of rank 4 [batch, height, width, channels], received: input "
                        + "shape=[4, 4]");
        assertThatThrownBy(() -> PoolingShapes.avgPool(Shape.of(1, 2, 3, 1),
                new PoolOptions(2, 4, 1, 1, Padding.VALID))).hasMessage("avgPool expects a 2x4 window no larger "
                        + "than the padded input (2x3 with padding VALID), received: input shape=[1, 2, 3, 1]");
        assertThatThrownBy(() -> PoolingShapes.maxPool(Shape.of(1, 4, 4, 1), null))
                .hasMessage("maxPool expects window, stride and padding options, received: options=null");
        assertThatThrownBy(() -> PoolingShapes.globalAvgPool(Shape.of(7, 7, 512)))
                .hasMessage("globalAvgPool expects an input of rank 4 [batch, height, width, channels], received: "
                        + "input shape=[7, 7, 512]");
    }

    // ---------------------------------------------------------------- batchNorm

    @Test
    void batchNorm_keepsTheShape_andChecksEachVectorAgainstTheLastAxis() {
        Shape c5 = Shape.of(5);
        assertThat(NormalizationShapes.batchNorm(Shape.of(3, 5), c5, c5, c5, c5, 1e-3f)).isEqualTo(Shape.of(3, 5));
        assertThatThrownBy(() -> NormalizationShapes.batchNorm(Shape.of(3, 5), c5, Shape.of(4), c5, c5, 1e-3f))
                .hasMessage("batchNorm expects beta of shape [5] (the input's last axis), received: beta shape=[4]");
        assertThatThrownBy(() -> NormalizationShapes.batchNorm(Shape.of(3, 5), c5, c5, Shape.of(5, 1), c5, 1e-3f))
                .hasMessage("batchNorm expects mean of shape [5] (the input's last axis), received: mean "
                        + "shape=[5, 1]");
        assertThatThrownBy(() -> NormalizationShapes.batchNorm(Shape.of(), c5, c5, c5, c5, 1e-3f))
                .hasMessage("batchNorm expects an input of rank at least 1 (channels on the last axis), received: "
                        + "input shape=[]");
        assertThatThrownBy(() -> NormalizationShapes.batchNorm(Shape.of(3, 5), c5, c5, c5, c5, Float.NaN))
                .hasMessage("batchNorm expects a finite epsilon of at least 0, received: epsilon=NaN");
        assertThatThrownBy(() -> NormalizationShapes.batchNorm(Shape.of(3, 5), c5, c5, c5, c5,
                Float.POSITIVE_INFINITY)).hasMessage("batchNorm expects a finite epsilon of at least 0, received: "
                        + "epsilon=Infinity");
        assertThat(NormalizationShapes.batchNorm(Shape.of(3, 5), c5, c5, c5, c5, 0f)).isEqualTo(Shape.of(3, 5));
    }

    // ---------------------------------------------------------------- elementwise

    @Test
    void elementwise_keepTheShape_addRefusesBroadcasting_dropoutChecksTheRate() {
        assertThat(ElementwiseShapes.relu(Shape.of(2, 3))).isEqualTo(Shape.of(2, 3));
        assertThat(ElementwiseShapes.add(Shape.of(2, 3), Shape.of(2, 3))).isEqualTo(Shape.of(2, 3));
        assertThatThrownBy(() -> ElementwiseShapes.add(Shape.of(2, 3), Shape.of(1, 3)))
                .hasMessage("add expects two tensors of the same shape (no broadcasting), received: a shape=[2, 3], "
                        + "b shape=[1, 3]");
        assertThat(ElementwiseShapes.dropout(Shape.of(4), 0f)).isEqualTo(Shape.of(4));
        assertThat(ElementwiseShapes.dropout(Shape.of(4), 1f)).isEqualTo(Shape.of(4));
        assertThatThrownBy(() -> ElementwiseShapes.dropout(Shape.of(4), -0.5f))
                .hasMessage("dropout expects a rate in [0, 1], received: rate=-0.5");
    }

    // ---------------------------------------------------------------- dense and softmax

    @Test
    void dense_andSoftmax_shapesAndRejections() {
        assertThat(MatrixShapes.dense(Shape.of(4, 2048), Shape.of(2048, 1000), Shape.of(1000)))
                .isEqualTo(Shape.of(4, 1000));
        assertThat(MatrixShapes.softmax(Shape.of(4, 1000))).isEqualTo(Shape.of(4, 1000));
        assertThatThrownBy(() -> MatrixShapes.dense(Shape.of(2048), Shape.of(2048, 1000), null))
                .hasMessage("dense expects an input of rank 2 [batch, features], received: input shape=[2048]");
        assertThatThrownBy(() -> MatrixShapes.dense(Shape.of(1, 3), Shape.of(1, 3, 2), null))
                .hasMessage("dense expects a kernel of rank 2 [in, out], received: kernel shape=[1, 3, 2]");
        assertThatThrownBy(() -> MatrixShapes.dense(Shape.of(1, 3), Shape.of(2, 3), null))
                .hasMessage("dense expects a kernel with 3 rows (the input's last axis), received: kernel "
                        + "shape=[2, 3], input shape=[1, 3]");
        assertThatThrownBy(() -> MatrixShapes.dense(Shape.of(1, 3), Shape.of(3, 2), Shape.of(3)))
                .hasMessage("dense expects bias of shape [2] (the kernel's last axis), received: bias shape=[3]");
        assertThatThrownBy(() -> MatrixShapes.softmax(Shape.of(10)))
                .hasMessage("softmax expects an input of rank 2 [batch, classes], received: input shape=[10]");
    }

    // ---------------------------------------------------------------- layout

    @Test
    void zeroPad_andReshape_shapesAndRejections() {
        assertThat(LayoutShapes.zeroPad(Shape.of(1, 2, 2, 3), Padding.explicit(1, 0, 0, 2)))
                .isEqualTo(Shape.of(1, 3, 4, 3));
        assertThat(LayoutShapes.reshape(Shape.of(2, 3, 4), Shape.of(2, 12))).isEqualTo(Shape.of(2, 12));
        assertThatThrownBy(() -> LayoutShapes.zeroPad(Shape.of(2, 2, 3), Padding.symmetric(1)))
                .hasMessage("zeroPad expects an input of rank 4 [batch, height, width, channels], received: input "
                        + "shape=[2, 2, 3]");
        assertThatThrownBy(() -> LayoutShapes.zeroPad(Shape.of(1, 2, 2, 3), null))
                .hasMessage("zeroPad expects explicit padding amounts, received: padding=null");
        assertThatThrownBy(() -> LayoutShapes.reshape(Shape.of(2, 3), Shape.of(5)))
                .hasMessage("reshape expects a target shape of 6 elements (the input's size), received: target "
                        + "shape=[5], input shape=[2, 3]");
        assertThatThrownBy(() -> LayoutShapes.reshape(Shape.of(2, 3), null))
                .hasMessage("reshape expects a target shape, received: target=null");
    }

    // ---------------------------------------------------------------- shared pieces

    @Test
    void windowRule_namesWhoeverAsks_soALayerGetsItsOwnName() {
        assertThat(WindowGeometry.outputHeightWidth("pool1", "shape=[4, 6, 1]", 4, 6, 2, 3, 2, 3, Padding.VALID))
                .containsExactly(2, 2);
        assertThatThrownBy(() -> WindowGeometry.outputHeightWidth("pool1", "shape=[2, 2, 1]", 2, 2, 3, 3, 1, 1,
                Padding.VALID)).hasMessage("pool1 expects a 3x3 window no larger than the padded input (2x2 with "
                        + "padding VALID), received: shape=[2, 2, 1]");
    }

    @Test
    void argumentErrors_wordForeignTensorsAndOptionsTheSameWay() {
        assertThat(ArgumentErrors.foreignTensor("relu", "the nd4j backend", HostTensor.zeros(Shape.of(1, 2))))
                .hasMessage("relu expects a tensor made by the nd4j backend, received: HostTensor[1, 2]");
        assertThat(ArgumentErrors.foreignTensor("relu", "the nd4j backend", null))
                .hasMessage("relu expects a tensor made by the nd4j backend, received: null");
        assertThatThrownBy(() -> new Conv2dOptions(0, 1, Padding.VALID))
                .hasMessage("Conv2dOptions expects strides of at least 1, received: strides=(0, 1)");
        assertThatThrownBy(() -> new PoolOptions(2, 0, 1, 1, Padding.VALID))
                .hasMessage("PoolOptions expects a pool size and strides of at least 1, received: pool_size=(2, 0), "
                        + "strides=(1, 1)");
        assertThatThrownBy(() -> Conv2dOptions.of(1, null))
                .hasMessage("Conv2dOptions expects a padding, received: padding=null");
        assertThatThrownBy(() -> Padding.explicit(0, -1, 0, 0))
                .hasMessage("Padding.explicit expects amounts of at least 0, received: top=0, bottom=-1, left=0, "
                        + "right=0");
    }
}
