package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.BackendUnderTest;

/**
 * The array pool reuses arrays of the same shape, takes back only what it lent, frees what exceeds its limit (or,
 * following demand, keeps what was lent at once), and frees everything on close.
 */
class Nd4jArrayPoolTest implements BackendUnderTest {

    /** The pool needs ND4J's natives, which the kit loads by creating the backend before the tests. */
    @Override
    public BackendProvider provider() {
        return new Nd4jBackendProvider();
    }

    @Test
    void take_afterGive_returnsTheSameArrayForTheSameShapeOnly() {
        try (Nd4jArrayPool pool = new Nd4jArrayPool(1 << 20)) {
            INDArray a = pool.take(new long[] {2, 3, 4});
            pool.give(a);
            assertThat(pool.pooledBytes()).isEqualTo(2 * 3 * 4 * 4);

            assertThat(pool.take(new long[] {4, 3, 2})).isNotSameAs(a);
            assertThat(pool.take(new long[] {2, 3, 4})).isSameAs(a);
            assertThat(pool.pooledBytes()).isZero();
        }
    }

    @Test
    void give_beyondTheLimit_freesTheArray() {
        try (Nd4jArrayPool pool = new Nd4jArrayPool(100)) {
            INDArray small = pool.take(new long[] {5, 5}); // 100 bytes: fits exactly
            INDArray large = pool.take(new long[] {10});   // 40 more: over the limit
            pool.give(small);
            pool.give(large);

            assertThat(small.wasClosed()).isFalse();
            assertThat(large.wasClosed()).isTrue();
            assertThat(pool.pooledBytes()).isEqualTo(100);
        }
    }

    @Test
    void close_freesPooledArrays_andLaterGivesAreFreedAtOnce() {
        Nd4jArrayPool pool = new Nd4jArrayPool(1 << 20);
        INDArray pooled = pool.take(new long[] {8});
        INDArray late = pool.take(new long[] {8});
        pool.give(pooled);

        pool.close();
        pool.give(late);

        assertThat(pooled.wasClosed()).isTrue();
        assertThat(late.wasClosed()).isTrue();
        assertThat(pool.pooledBytes()).isZero();
    }

    @Test
    void give_anArrayThePoolDidNotLend_freesIt() {
        try (Nd4jArrayPool pool = new Nd4jArrayPool(1 << 20)) {
            INDArray foreign = Nd4j.createUninitialized(DataType.FLOAT, new long[] {2, 3}, 'c');
            pool.give(foreign);

            assertThat(foreign.wasClosed()).isTrue();
            assertThat(pool.pooledBytes()).isZero();
        }
    }

    @Test
    void give_aView_isNeverPooled() {
        try (Nd4jArrayPool pool = new Nd4jArrayPool(1 << 20)) {
            INDArray base = Nd4j.create(DataType.FLOAT, 4, 4);
            pool.give(base.getRow(1));
            assertThat(pool.pooledBytes()).isZero();
        }
    }

    @Test
    void followingDemand_keepsBeyondItsLimit_asManyArraysOfEachShapeAsWereLentAtOnce() {
        try (Nd4jArrayPool pool = Nd4jArrayPool.followingDemand(100)) {
            INDArray[] firstRun = {pool.take(new long[] {10, 10}), pool.take(new long[] {10, 10}),
                pool.take(new long[] {5})};
            for (INDArray a : firstRun) {
                pool.give(a);
            }
            assertThat(pool.pooledBytes()).as("two [10, 10] and one [5], 2*400 + 20 bytes").isEqualTo(820);

            INDArray[] secondRun = {pool.take(new long[] {10, 10}), pool.take(new long[] {10, 10}),
                pool.take(new long[] {5})};
            assertThat(secondRun).containsExactlyInAnyOrder(firstRun);
            assertThat(pool.pooledBytes()).isZero();
        }
    }

    @Test
    void followingDemand_keepsEachShapesPeak_evenWhenThePeaksCameAtDifferentTimes() {
        try (Nd4jArrayPool pool = Nd4jArrayPool.followingDemand(100)) {
            INDArray first = pool.take(new long[] {10, 10});
            pool.give(first);
            INDArray reused = pool.take(new long[] {10, 10});
            pool.give(reused);
            INDArray other = pool.take(new long[] {20, 10});
            INDArray second = pool.take(new long[] {10, 10});
            pool.give(other);
            pool.give(second);

            assertThat(reused).isSameAs(first);
            assertThat(other.wasClosed()).as("[20, 10] is within the peaks, 400 + 800 bytes").isFalse();
            assertThat(pool.pooledBytes()).isEqualTo(1200);
        }
    }

    @Test
    void followingDemand_withALimitOfZero_poolsNothing() {
        try (Nd4jArrayPool pool = Nd4jArrayPool.followingDemand(0)) {
            INDArray a = pool.take(new long[] {4});
            pool.give(a);

            assertThat(a.wasClosed()).isTrue();
            assertThat(pool.pooledBytes()).isZero();
        }
    }
}
