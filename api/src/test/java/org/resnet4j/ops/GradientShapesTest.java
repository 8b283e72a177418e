package org.resnet4j.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.Shape;

/** The backward primitives' shape rules and their messages, shared by every backend. */
class GradientShapesTest {

    @Test
    void conv2dBackward_outputGradientOfTheWrongSize_namesTheForwardOutput() {
        Conv2dOptions options = Conv2dOptions.of(2, Padding.SAME);
        assertThatNoException().isThrownBy(() -> GradientShapes.conv2dBackward(Shape.of(2, 4, 4, 8),
                Shape.of(2, 8, 8, 3), Shape.of(3, 3, 3, 8), options));
        assertThatThrownBy(() -> GradientShapes.conv2dBackward(Shape.of(2, 8, 8, 8), Shape.of(2, 8, 8, 3),
                Shape.of(3, 3, 3, 8), options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv2dBackward expects outputGradient of shape [2, 4, 4, 8] (the conv2d output for input"
                        + " [2, 8, 8, 3], kernel [3, 3, 3, 8], strides 2x2, SAME). Received: shape=[2, 8, 8, 8]");
    }

    @Test
    void conv2dBackward_kernelChannelMismatch_isRejected() {
        assertThatThrownBy(() -> GradientShapes.conv2dBackward(Shape.of(1, 3, 3, 2), Shape.of(1, 5, 5, 3),
                Shape.of(3, 3, 4, 2), Conv2dOptions.of(1, Padding.VALID)))
                .hasMessage("conv2dBackward expects a kernel with 3 input channels (the input's last dimension)."
                        + " Received: input shape=[1, 5, 5, 3], kernel shape=[3, 3, 4, 2]");
    }

    @Test
    void denseBackward_outputGradientWithOtherUnits_isRejected() {
        assertThatThrownBy(() -> GradientShapes.denseBackward(Shape.of(4, 3), Shape.of(4, 5), Shape.of(5, 2)))
                .hasMessage("denseBackward expects outputGradient of shape [4, 2] (the dense output for input [4, 5]"
                        + " and kernel [5, 2]). Received: shape=[4, 3]");
    }

    @Test
    void batchNorm_vectorsMustHoldOneValuePerChannel() {
        assertThatThrownBy(() -> GradientShapes.batchNormTraining(Shape.of(2, 4, 4, 3), Shape.of(3), Shape.of(3),
                Shape.of(4), Shape.of(3)))
                .hasMessage("batchNormTraining expects movingMean of shape [3] (one per channel). Received: shape=[4]");
        assertThatThrownBy(() -> GradientShapes.batchNormBackward(Shape.of(2, 3), Shape.of(2, 4), Shape.of(4),
                Shape.of(4), Shape.of(4)))
                .hasMessage("batchNormBackward expects outputGradient of shape [2, 4] (the input's). Received:"
                        + " shape=[2, 3]");
    }

    @Test
    void pooling_outputGradientMustMatchThePooledShape() {
        assertThatNoException().isThrownBy(() -> GradientShapes.poolBackward("maxPoolBackward",
                Shape.of(1, 4, 4, 2), Shape.of(1, 7, 7, 2), PoolOptions.of(3, 2, Padding.symmetric(1))));
        assertThatThrownBy(() -> GradientShapes.poolBackward("maxPoolBackward", Shape.of(1, 3, 3, 2),
                Shape.of(1, 7, 7, 2), PoolOptions.of(3, 2, Padding.symmetric(1))))
                .hasMessage("maxPoolBackward expects outputGradient of shape [1, 4, 4, 2] (the pooled output for"
                        + " input [1, 7, 7, 2], pool 3x3, strides 2x2, explicit(1, 1, 1, 1)). Received: shape=[1, 3, 3, 2]");
    }

    @Test
    void globalAvgPoolAndZeroPad_shapesAreChecked() {
        assertThatThrownBy(() -> GradientShapes.globalAvgPoolBackward(Shape.of(2, 5), Shape.of(2, 3, 3, 4)))
                .hasMessage("globalAvgPoolBackward expects outputGradient of shape [2, 4] ([n, c] of input"
                        + " [2, 3, 3, 4]). Received: shape=[2, 5]");
        assertThat(GradientShapes.zeroPadBackward(Shape.of(1, 6, 5, 2), Padding.explicit(1, 2, 0, 1)))
                .isEqualTo(Shape.of(1, 3, 4, 2));
        assertThatThrownBy(() -> GradientShapes.zeroPadBackward(Shape.of(1, 3, 5, 2), Padding.explicit(1, 2, 0, 1)))
                .hasMessageStartingWith("zeroPadBackward expects outputGradient larger than the padding");
    }

    @Test
    void crossEntropy_targetsMustHaveThePredictionsShape() {
        assertThatThrownBy(() -> GradientShapes.crossEntropy("softmaxCrossEntropy", "logits", Shape.of(2, 10),
                Shape.of(2, 9)))
                .hasMessage("softmaxCrossEntropy expects targets of shape [2, 10] (the logits' shape). Received:"
                        + " shape=[2, 9]");
        assertThatThrownBy(() -> GradientShapes.crossEntropy("softmaxCrossEntropy", "logits", Shape.of(2, 5, 2),
                Shape.of(2, 5, 2)))
                .hasMessage("softmaxCrossEntropy expects logits of rank 2 [n, classes]. Received: shape=[2, 5, 2]");
    }

    @Test
    void optimizerUpdate_stateOfAnotherShape_isRejected() {
        assertThatThrownBy(() -> GradientShapes.optimizerUpdate("applyAdam", Shape.of(3, 3), Shape.of(3, 3),
                Shape.of(3, 3), Shape.of(9)))
                .hasMessage("applyAdam expects state of the shape of parameter [3, 3]. Received: shape=[9]");
    }
}
