package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** {@link PrimitiveParity} passes the reference itself and names the primitive of a backend that computes otherwise. */
class PrimitiveParityTest {
    @Test
    void theReferenceThroughIt_hasNoError_andEveryCallIsCounted() {
        PrimitiveParity parity = new PrimitiveParity(new ReferenceTrainingOps());
        Ops ops = parity.ops();
        Tensor x = ops.upload(HostTensor.gaussian(Shape.of(2, 5, 5, 3), 1));
        Tensor k = ops.upload(HostTensor.gaussian(Shape.of(3, 3, 3, 4), 2));
        Tensor y = ops.relu(ops.conv2d(x, k, null, Conv2dOptions.of(1, Padding.SAME)));
        ((GradientOps) ops).conv2dBackward(y, x, k, Conv2dOptions.of(1, Padding.SAME), true);

        parity.assertWithin("the reference", 0.0);
        assertThat(parity.largestByPrimitive()).containsOnlyKeys("conv2d", "relu", "conv2dBackward");
    }

    @Test
    void aWrongBackwardPrimitive_failsTheCheck_namingIt() {
        PrimitiveParity parity = new PrimitiveParity(new BrokenGradientSubjects.PaddingCountedAvgPoolOps());
        GradientOps ops = (GradientOps) parity.ops();
        PoolOptions padded = PoolOptions.of(3, 2, Padding.SAME);
        ops.avgPoolBackward(HostTensor.gaussian(Shape.of(1, 3, 3, 2), 3), Shape.of(1, 5, 5, 2), padded);

        assertThatThrownBy(() -> parity.assertWithin("a broken backend", 1e-5)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("avgPoolBackward result 0 of [[1, 3, 3, 2]");
    }

    @Test
    void noCallCompared_fails() {
        PrimitiveParity parity = new PrimitiveParity(new ReferenceTrainingOps());
        parity.ops().upload(HostTensor.gaussian(Shape.of(2), 1));
        assertThatThrownBy(() -> parity.assertWithin("nothing", 1e-5)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("primitive calls compared");
    }
}
