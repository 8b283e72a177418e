package org.resnet4j.plan;

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
 * The planner's tracer takes every output shape from the api's shape rules, so a model the rules refuse fails
 * while it is planned, with the message every backend gives, and records no step for the refused op. (This is
 * where the check of JCuda's former compile trace went: every backend that compiles plans through the tracer.)
 */
class OpTracerShapeErrorsTest {
    private final OpTracer tracer = new OpTracer(host -> "constant#0");

    @Test
    void conv2d_kernelChannelMismatch_failsTheTraceWithTheRuleMessage() {
        Tensor x = tracer.input(Shape.of(1, 7, 7, 3));
        Tensor k = tracer.upload(HostTensor.zeros(Shape.of(3, 3, 4, 8)));
        assertThatThrownBy(() -> tracer.conv2d(x, k, null, Conv2dOptions.of(1, Padding.SAME)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv2d expects a kernel with 3 input channels (the input's last axis), received: kernel "
                        + "shape=[3, 3, 4, 8], input shape=[1, 7, 7, 3]");
        assertThat(tracer.steps()).isEmpty();
    }

    @Test
    void maxPool_windowLargerThanTheInput_failsTheTraceWithTheRuleMessage() {
        Tensor x = tracer.input(Shape.of(1, 2, 2, 1));
        assertThatThrownBy(() -> tracer.maxPool(x, PoolOptions.of(3, 1, Padding.VALID)))
                .hasMessage("maxPool expects a 3x3 window no larger than the padded input (2x2 with padding VALID), "
                        + "received: input shape=[1, 2, 2, 1]");
        assertThat(tracer.steps()).isEmpty();
    }

    @Test
    void aTensorFromElsewhere_isRefusedNamingTheTrace() {
        Tensor host = HostTensor.zeros(Shape.of(1, 2));
        assertThatThrownBy(() -> tracer.relu(host))
                .hasMessage("relu expects a tensor made by the op planner's trace, received: HostTensor[1, 2]");
        assertThatThrownBy(() -> tracer.softmax(null))
                .hasMessage("softmax expects a tensor made by the op planner's trace, received: null");
        Tensor x = tracer.input(Shape.of(1, 4, 4, 3));
        assertThatThrownBy(() -> tracer.conv2d(x, null, null, Conv2dOptions.of(1, Padding.SAME)))
                .hasMessage("conv2d expects a tensor made by the op planner's trace, received: null");
        assertThat(tracer.steps()).isEmpty();
    }

    @Test
    void validCalls_recordTheRuleOutputShapes() {
        Tensor x = tracer.input(Shape.of(2, 8, 8, 3));
        Tensor k = tracer.upload(HostTensor.zeros(Shape.of(3, 3, 3, 4)));
        Tensor y = tracer.conv2d(x, k, null, Conv2dOptions.of(2, Padding.SAME));
        Tensor p = tracer.avgPool(y, PoolOptions.of(2, 2, Padding.VALID));
        // SAME stride 2 on 8: 4; then a 2x2/2 VALID pool: 2
        assertThat(y.shape()).isEqualTo(Shape.of(2, 4, 4, 4));
        assertThat(p.shape()).isEqualTo(Shape.of(2, 2, 2, 4));
        assertThat(tracer.steps()).extracting(s -> s.output().shape()).containsExactly(y.shape(), p.shape());
    }
}
