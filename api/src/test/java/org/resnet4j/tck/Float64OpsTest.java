package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The float64 forward loops define the same functions as {@link ReferenceOps}, written separately: on the same
 * float32 inputs the two agree to float32 rounding.
 */
class Float64OpsTest {
    private final ReferenceOps reference = new ReferenceOps();
    private final Float64Ops wide = new Float64Ops();

    private void assertAgree(String what, BiFunction<Ops, Tensor[], Tensor> op, HostTensor... inputs) {
        Tensor[] narrowArgs = new Tensor[inputs.length];
        Tensor[] wideArgs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            narrowArgs[i] = reference.upload(inputs[i]);
            wideArgs[i] = wide.upload(inputs[i]);
        }
        HostTensor expected = reference.download(op.apply(reference, narrowArgs));
        HostTensor actual = wide.download(op.apply(wide, wideArgs));
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        assertThat(TensorComparison.relativeL2Error(actual, expected)).as(what).isLessThan(1e-6);
    }

    @Test
    void everyForwardOp_agreesWithReferenceOps() {
        HostTensor image = HostTensor.gaussian(Shape.of(2, 7, 6, 3), 1);
        HostTensor kernel = HostTensor.gaussian(Shape.of(3, 3, 3, 4), 2);
        HostTensor bias = HostTensor.gaussian(Shape.of(4), 3);
        for (Padding padding : new Padding[] {Padding.VALID, Padding.SAME, Padding.explicit(1, 2, 0, 1)}) {
            for (int stride : new int[] {1, 2}) {
                Conv2dOptions conv = Conv2dOptions.of(stride, padding);
                assertAgree("conv2d " + conv, (o, a) -> o.conv2d(a[0], a[1], a[2], conv), image, kernel, bias);
                PoolOptions pool = PoolOptions.of(3, stride, padding);
                assertAgree("maxPool " + pool, (o, a) -> o.maxPool(a[0], pool), image);
                assertAgree("avgPool " + pool, (o, a) -> o.avgPool(a[0], pool), image);
            }
        }
        HostTensor c3 = HostTensor.gaussian(Shape.of(3), 4);
        HostTensor variance = HostTensor.filled(Shape.of(3), 0.5f);
        assertAgree("batchNorm", (o, a) -> o.batchNorm(a[0], a[1], a[2], a[3], a[4], 1e-3f), image, c3, c3, c3,
                variance);
        assertAgree("relu", (o, a) -> o.relu(a[0]), image);
        assertAgree("add", (o, a) -> o.add(a[0], a[1]), image, image);
        assertAgree("globalAvgPool", (o, a) -> o.globalAvgPool(a[0]), image);
        assertAgree("zeroPad", (o, a) -> o.zeroPad(a[0], Padding.explicit(1, 0, 2, 3)), image);
        assertAgree("reshape", (o, a) -> o.reshape(a[0], Shape.of(2, 126)), image);
        HostTensor rows = HostTensor.gaussian(Shape.of(3, 5), 5);
        HostTensor dense = HostTensor.gaussian(Shape.of(5, 4), 6);
        assertAgree("dense", (o, a) -> o.dense(a[0], a[1], a[2]), rows, dense, bias);
        assertAgree("softmax", (o, a) -> o.softmax(a[0]), rows);
        assertAgree("dropout at inference", (o, a) -> o.dropout(a[0], 0.5f), rows);
    }
}
