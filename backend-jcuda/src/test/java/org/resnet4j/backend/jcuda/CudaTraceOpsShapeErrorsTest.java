package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The compile trace runs on the CPU, so its use of the api's shape rules is checked here even where the GPU
 * contract skips: a bad model fails at compile with the same message every backend gives.
 */
class CudaTraceOpsShapeErrorsTest {
    private final CudaTraceOps trace = new CudaTraceOps();

    @Test
    void conv2d_kernelChannelMismatch_failsTheTraceWithTheRuleMessage() {
        CudaTraceTensor x = trace.input(Shape.of(1, 7, 7, 3));
        CudaTraceTensor k = trace.constant("k", HostTensor.zeros(Shape.of(3, 3, 4, 8)));
        assertThatThrownBy(() -> trace.conv2d(x, k, null, Conv2dOptions.of(1, Padding.SAME)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv2d expects a kernel with 3 input channels (the input's last axis), received: kernel "
                        + "shape=[3, 3, 4, 8], input shape=[1, 7, 7, 3]");
        assertThat(trace.steps()).isEmpty();
    }

    @Test
    void maxPool_windowLargerThanTheInput_failsTheTraceWithTheRuleMessage() {
        CudaTraceTensor x = trace.input(Shape.of(1, 2, 2, 1));
        assertThatThrownBy(() -> trace.maxPool(x, PoolOptions.of(3, 1, Padding.VALID)))
                .hasMessage("maxPool expects a 3x3 window no larger than the padded input (2x2 with padding VALID), "
                        + "received: input shape=[1, 2, 2, 1]");
    }

    @Test
    void aTensorFromElsewhere_isRefusedNamingTheTrace() {
        Tensor host = HostTensor.zeros(Shape.of(1, 2));
        assertThatThrownBy(() -> trace.relu(host))
                .hasMessage("relu expects a tensor made by the jcuda compile trace, received: HostTensor[1, 2]");
        assertThatThrownBy(() -> trace.softmax(null))
                .hasMessage("softmax expects a tensor made by the jcuda compile trace, received: null");
    }

    @Test
    void validCalls_recordTheRuleOutputShapes() {
        CudaTraceTensor x = trace.input(Shape.of(2, 8, 8, 3));
        CudaTraceTensor k = trace.constant("k", HostTensor.zeros(Shape.of(3, 3, 3, 4)));
        Tensor y = trace.conv2d(x, k, null, Conv2dOptions.of(2, Padding.SAME));
        Tensor p = trace.avgPool(y, PoolOptions.of(2, 2, Padding.VALID));
        // SAME stride 2 on 8: 4; then a 2x2/2 VALID pool: 2
        assertThat(y.shape()).isEqualTo(Shape.of(2, 4, 4, 4));
        assertThat(p.shape()).isEqualTo(Shape.of(2, 2, 2, 4));
        assertThat(trace.steps()).extracting(s -> s.outputShape).containsExactly(y.shape(), p.shape());
    }
}
