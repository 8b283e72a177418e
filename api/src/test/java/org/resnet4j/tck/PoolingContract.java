package org.resnet4j.tck;

import static org.resnet4j.tck.OpRunner.assertMatchesReference;
import static org.resnet4j.tck.OpRunner.gaussian;
import static org.resnet4j.tck.OpRunner.uniform;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;

/**
 * Max, average and global average pooling against {@link ReferenceOps}, with the two padding rules ports get wrong:
 * max pooling pads with negative infinity (checked on all-negative inputs, where zero padding would show), and
 * average pooling divides by the number of cells inside the input, not by the window size.
 */
public interface PoolingContract extends BackendUnderTest {

    @Test
    default void maxPool_valid_stride2_oddAndEvenSizes_matchesReference() {
        checkPool(50, true, 2, 7, 7, 3, PoolOptions.of(2, 2, Padding.VALID));
        checkPool(51, true, 2, 8, 8, 3, PoolOptions.of(3, 2, Padding.VALID));
    }

    @Test
    default void maxPool_paddingIsNegativeInfinity_onNegativeInputs() {
        // With every input negative, a backend that pads with zero returns 0 at the borders.
        checkNegativeMaxPool(52, PoolOptions.of(3, 2, Padding.symmetric(1)), 7);
        checkNegativeMaxPool(53, PoolOptions.of(3, 2, Padding.SAME), 8);
        checkNegativeMaxPool(54, new PoolOptions(3, 2, 1, 2, Padding.explicit(1, 0, 0, 1)), 6);
    }

    @Test
    default void avgPool_valid_matchesReference() {
        checkPool(55, false, 2, 8, 6, 5, PoolOptions.of(2, 2, Padding.VALID));
    }

    @Test
    default void avgPool_same_divisorCountsOnlyRealCells() {
        checkPool(56, false, 1, 7, 7, 3, PoolOptions.of(3, 2, Padding.SAME));
        checkPool(57, false, 2, 6, 5, 3, PoolOptions.of(3, 1, Padding.SAME));
    }

    @Test
    default void avgPool_explicitPadding_divisorCountsOnlyRealCells() {
        checkPool(58, false, 1, 7, 6, 3, PoolOptions.of(3, 2, Padding.symmetric(1)));
        checkPool(59, false, 1, 6, 6, 3, new PoolOptions(3, 3, 2, 1, Padding.explicit(2, 0, 1, 0)));
    }

    @Test
    default void globalAvgPool_matchesReference() {
        HostTensor x = gaussian(new Random(60), 1.0, 3, 5, 7, 13);
        assertMatchesReference(backend().ops(), "globalAvgPool on " + x.shape(),
                (ops, in) -> ops.globalAvgPool(in[0]), x);
    }

    /** A max ({@code max}) or average pool on a seeded {@code n x h x w x c} input. */
    private void checkPool(long seed, boolean max, int n, int h, int w, int c, PoolOptions options) {
        HostTensor x = gaussian(new Random(seed), 1.0, n, h, w, c);
        String what = (max ? "maxPool " : "avgPool ") + options + " on " + x.shape();
        assertMatchesReference(backend().ops(), what,
                (ops, in) -> max ? ops.maxPool(in[0], options) : ops.avgPool(in[0], options), x);
    }

    /** A max pool on a {@code size x size} input whose every value is negative. */
    private void checkNegativeMaxPool(long seed, PoolOptions options, int size) {
        HostTensor x = uniform(new Random(seed), -3.0, -0.5, 2, size, size, 3);
        assertMatchesReference(backend().ops(), "maxPool " + options + " on all-negative " + x.shape(),
                (ops, in) -> ops.maxPool(in[0], options), x);
    }
}
