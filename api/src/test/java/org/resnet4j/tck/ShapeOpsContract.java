package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.resnet4j.tck.OpRunner.assertMatchesReference;
import static org.resnet4j.tck.OpRunner.gaussian;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The ops that move values without computing new ones: {@code zeroPad} (asymmetric, so a backend that swaps
 * top and bottom or left and right fails) and {@code reshape} (flattening must keep NHWC row-major order, the order
 * the dense weights after a Flatten were trained with).
 */
public interface ShapeOpsContract extends BackendUnderTest {

    @Test
    default void zeroPad_asymmetric_matchesReference() {
        HostTensor x = gaussian(new Random(61), 1.0, 2, 4, 5, 3);
        Padding.Explicit pad = Padding.explicit(1, 2, 0, 3);
        assertMatchesReference(backend().ops(), "zeroPad " + pad + " on " + x.shape(),
                (ops, in) -> ops.zeroPad(in[0], pad), x);
    }

    @Test
    default void reshape_flatten_keepsRowMajorOrder() {
        HostTensor x = gaussian(new Random(62), 1.0, 2, 3, 4, 5);
        assertMatchesReference(backend().ops(), "reshape " + x.shape() + " -> [2, 60]",
                (ops, in) -> ops.reshape(in[0], Shape.of(2, 60)), x);
        HostTensor flat = OpRunner.run(backend().ops(), (ops, in) -> ops.reshape(in[0], Shape.of(2, 60)), x);
        assertThat(flat.data()).as("flatten keeps NHWC row-major order").containsExactly(x.data());
    }
}
