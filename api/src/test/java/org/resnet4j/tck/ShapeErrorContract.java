package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * Every backend rejects a bad op call with the same words: the message of the api's shape rule for that op
 * ({@code ConvolutionShapes}, {@code PoolingShapes}, ...). Each expected message is written out here as literal text,
 * not built by calling the rule, so a backend with its own wording fails, and so does a changed rule.
 * {@link BackendContract} extends it; it can also be implemented alone.
 */
public interface ShapeErrorContract extends BackendUnderTest {

    // ---------------------------------------------------------------- conv2d

    @Test
    default void conv2d_inputOfRank3_isRejectedWithTheRuleMessage() {
        assertRejected("conv2d expects an input of rank 4 [batch, height, width, channels], received: input "
                        + "shape=[1, 5, 5]",
                (ops, t) -> ops.conv2d(t[0], t[1], null, Conv2dOptions.of(1, Padding.VALID)),
                Shape.of(1, 5, 5), Shape.of(3, 3, 5, 4));
    }

    @Test
    default void conv2d_kernelOfRank3_isRejectedWithTheRuleMessage() {
        assertRejected("conv2d expects a kernel of rank 4 [height, width, in, out], received: kernel shape=[3, 3, 3]",
                (ops, t) -> ops.conv2d(t[0], t[1], null, Conv2dOptions.of(1, Padding.VALID)),
                Shape.of(1, 5, 5, 3), Shape.of(3, 3, 3));
    }

    @Test
    default void conv2d_kernelChannelMismatch_sameMessageOnEveryBackend() {
        assertRejected("conv2d expects a kernel with 3 input channels (the input's last axis), received: kernel "
                        + "shape=[3, 3, 4, 8], input shape=[1, 7, 7, 3]",
                (ops, t) -> ops.conv2d(t[0], t[1], null, Conv2dOptions.of(1, Padding.SAME)),
                Shape.of(1, 7, 7, 3), Shape.of(3, 3, 4, 8));
    }

    @Test
    default void conv2d_biasOfWrongLength_isRejectedWithTheRuleMessage() {
        assertRejected("conv2d expects bias of shape [8] (the kernel's last axis), received: bias shape=[4]",
                (ops, t) -> ops.conv2d(t[0], t[1], t[2], Conv2dOptions.of(1, Padding.VALID)),
                Shape.of(1, 5, 5, 3), Shape.of(3, 3, 3, 8), Shape.of(4));
    }

    @Test
    default void conv2d_windowLargerThanTheInput_isRejectedWithTheRuleMessage() {
        assertRejected("conv2d expects a 7x7 window no larger than the padded input (5x5 with padding VALID), "
                        + "received: input shape=[1, 5, 5, 3]",
                (ops, t) -> ops.conv2d(t[0], t[1], null, Conv2dOptions.of(1, Padding.VALID)),
                Shape.of(1, 5, 5, 3), Shape.of(7, 7, 3, 4));
    }

    @Test
    default void conv2d_windowTallerThanTheExplicitlyPaddedInput_isRejectedWithTheRuleMessage() {
        assertRejected("conv2d expects a 6x3 window no larger than the padded input (5x6 with padding "
                        + "explicit(1, 0, 0, 0)), received: input shape=[1, 4, 6, 2]",
                (ops, t) -> ops.conv2d(t[0], t[1], null, Conv2dOptions.of(1, Padding.explicit(1, 0, 0, 0))),
                Shape.of(1, 4, 6, 2), Shape.of(6, 3, 2, 1));
    }

    // ---------------------------------------------------------------- batchNorm

    @Test
    default void batchNorm_gammaOfWrongLength_isRejectedWithTheRuleMessage() {
        assertRejected("batchNorm expects gamma of shape [4] (the input's last axis), received: gamma shape=[3]",
                (ops, t) -> ops.batchNorm(t[0], t[1], t[2], t[3], t[4], 1e-3f),
                Shape.of(1, 2, 2, 4), Shape.of(3), Shape.of(4), Shape.of(4), Shape.of(4));
    }

    @Test
    default void batchNorm_varianceOfRank2_isRejectedWithTheRuleMessage() {
        assertRejected("batchNorm expects variance of shape [4] (the input's last axis), received: variance "
                        + "shape=[1, 4]",
                (ops, t) -> ops.batchNorm(t[0], t[1], t[2], t[3], t[4], 1e-3f),
                Shape.of(2, 4), Shape.of(4), Shape.of(4), Shape.of(4), Shape.of(1, 4));
    }

    @Test
    default void batchNorm_negativeEpsilon_isRejectedWithTheRuleMessage() {
        assertRejected("batchNorm expects a finite epsilon of at least 0, received: epsilon=-1.0",
                (ops, t) -> ops.batchNorm(t[0], t[1], t[2], t[3], t[4], -1f),
                Shape.of(1, 2, 2, 4), Shape.of(4), Shape.of(4), Shape.of(4), Shape.of(4));
    }

    // ---------------------------------------------------------------- elementwise

    @Test
    default void add_ofDifferentShapes_isRejectedWithTheRuleMessage() {
        assertRejected("add expects two tensors of the same shape (no broadcasting), received: a shape=[2, 3], "
                        + "b shape=[3, 2]",
                (ops, t) -> ops.add(t[0], t[1]), Shape.of(2, 3), Shape.of(3, 2));
    }

    @Test
    default void dropout_rateAboveOne_isRejectedWithTheRuleMessage() {
        assertRejected("dropout expects a rate in [0, 1], received: rate=1.5",
                (ops, t) -> ops.dropout(t[0], 1.5f), Shape.of(2, 3));
    }

    @Test
    default void dropout_rateNaN_isRejectedWithTheRuleMessage() {
        assertRejected("dropout expects a rate in [0, 1], received: rate=NaN",
                (ops, t) -> ops.dropout(t[0], Float.NaN), Shape.of(2, 3));
    }

    @Test
    default void dropout_ratesZeroAndOne_areAccepted_andTheIdentityAtInference() {
        HostTensor x = HostTensor.of(Shape.of(1, 3), new float[] {-1f, 0f, 2f});
        assertThat(OpRunner.run(backend().ops(), (ops, t) -> ops.dropout(t[0], 0f), x).data())
                .containsExactly(-1f, 0f, 2f);
        assertThat(OpRunner.run(backend().ops(), (ops, t) -> ops.dropout(t[0], 1f), x).data())
                .containsExactly(-1f, 0f, 2f);
    }

    // ---------------------------------------------------------------- pooling

    @Test
    default void maxPool_inputOfRank2_isRejectedWithTheRuleMessage() {
        assertRejected("maxPool expects an input of rank 4 [batch, height, width, channels], received: input "
                        + "shape=[4, 4]",
                (ops, t) -> ops.maxPool(t[0], PoolOptions.of(2, 2, Padding.VALID)), Shape.of(4, 4));
    }

    @Test
    default void maxPool_windowLargerThanTheInput_isRejectedWithTheRuleMessage() {
        assertRejected("maxPool expects a 3x3 window no larger than the padded input (2x2 with padding VALID), "
                        + "received: input shape=[1, 2, 2, 1]",
                (ops, t) -> ops.maxPool(t[0], PoolOptions.of(3, 1, Padding.VALID)), Shape.of(1, 2, 2, 1));
    }

    @Test
    default void avgPool_inputOfRank3_isRejectedWithTheRuleMessage() {
        assertRejected("avgPool expects an input of rank 4 [batch, height, width, channels], received: input "
                        + "shape=[1, 4, 4]",
                (ops, t) -> ops.avgPool(t[0], PoolOptions.of(2, 2, Padding.VALID)), Shape.of(1, 4, 4));
    }

    @Test
    default void avgPool_windowLargerThanTheExplicitlyPaddedInput_isRejectedWithTheRuleMessage() {
        assertRejected("avgPool expects a 4x4 window no larger than the padded input (3x3 with padding "
                        + "explicit(1, 0, 1, 0)), received: input shape=[1, 2, 2, 1]",
                (ops, t) -> ops.avgPool(t[0], PoolOptions.of(4, 1, Padding.explicit(1, 0, 1, 0))),
                Shape.of(1, 2, 2, 1));
    }

    @Test
    default void globalAvgPool_inputOfRank2_isRejectedWithTheRuleMessage() {
        assertRejected("globalAvgPool expects an input of rank 4 [batch, height, width, channels], received: input "
                        + "shape=[2, 8]",
                (ops, t) -> ops.globalAvgPool(t[0]), Shape.of(2, 8));
    }

    // ---------------------------------------------------------------- layout

    @Test
    default void zeroPad_inputOfRank3_isRejectedWithTheRuleMessage() {
        assertRejected("zeroPad expects an input of rank 4 [batch, height, width, channels], received: input "
                        + "shape=[1, 4, 4]",
                (ops, t) -> ops.zeroPad(t[0], Padding.symmetric(1)), Shape.of(1, 4, 4));
    }

    @Test
    default void reshape_toAnotherNumberOfElements_isRejectedWithTheRuleMessage() {
        assertRejected("reshape expects a target shape of 6 elements (the input's size), received: target "
                        + "shape=[4], input shape=[2, 3]",
                (ops, t) -> ops.reshape(t[0], Shape.of(4)), Shape.of(2, 3));
    }

    // ---------------------------------------------------------------- dense and softmax

    @Test
    default void dense_inputOfRank4_isRejectedWithTheRuleMessage() {
        assertRejected("dense expects an input of rank 2 [batch, features], received: input shape=[1, 2, 2, 3]",
                (ops, t) -> ops.dense(t[0], t[1], null), Shape.of(1, 2, 2, 3), Shape.of(12, 4));
    }

    @Test
    default void dense_kernelOfRank1_isRejectedWithTheRuleMessage() {
        assertRejected("dense expects a kernel of rank 2 [in, out], received: kernel shape=[3]",
                (ops, t) -> ops.dense(t[0], t[1], null), Shape.of(1, 3), Shape.of(3));
    }

    @Test
    default void dense_kernelRowsNotTheInputFeatures_isRejectedWithTheRuleMessage() {
        assertRejected("dense expects a kernel with 3 rows (the input's last axis), received: kernel shape=[4, 2], "
                        + "input shape=[1, 3]",
                (ops, t) -> ops.dense(t[0], t[1], null), Shape.of(1, 3), Shape.of(4, 2));
    }

    @Test
    default void dense_biasOfWrongLength_isRejectedWithTheRuleMessage() {
        assertRejected("dense expects bias of shape [2] (the kernel's last axis), received: bias shape=[3]",
                (ops, t) -> ops.dense(t[0], t[1], t[2]), Shape.of(1, 3), Shape.of(3, 2), Shape.of(3));
    }

    @Test
    default void softmax_inputOfRank4_isRejectedWithTheRuleMessage() {
        assertRejected("softmax expects an input of rank 2 [batch, classes], received: input shape=[1, 1, 1, 10]",
                (ops, t) -> ops.softmax(t[0]), Shape.of(1, 1, 1, 10));
    }

    // ---------------------------------------------------------------- tensors the backend cannot read

    @Test
    default void anyOp_givenNoTensor_namesTheOpAndReceivedNull() {
        assertThatThrownBy(() -> backend().ops().relu(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("relu expects a tensor made by ").hasMessageEndingWith(", received: null");
    }

    /**
     * Uploads zeros of each shape, applies {@code call} and asserts it throws an {@link IllegalArgumentException}
     * with exactly {@code expectedMessage}; closes every handle, including a result the call should not have made.
     */
    private void assertRejected(String expectedMessage, OpCall call, Shape... shapes) {
        Ops ops = backend().ops();
        Tensor[] inputs = new Tensor[shapes.length];
        try {
            for (int i = 0; i < shapes.length; i++) {
                inputs[i] = ops.upload(HostTensor.zeros(shapes[i]));
            }
            Tensor result;
            try {
                result = call.apply(ops, inputs);
            } catch (IllegalArgumentException e) {
                assertThat(e).hasMessage(expectedMessage);
                return;
            }
            result.close();
            fail("expected IllegalArgumentException(\"" + expectedMessage + "\"), but the call returned a tensor");
        } finally {
            for (Tensor t : inputs) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }
}
