package org.resnet4j.backend.nd4j;

import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.resnet4j.tensor.Shape;

/**
 * Off-heap float arrays kept for reuse, by exact shape. Allocating a fresh array for every activation costs more
 * than computing it for the small layers: the allocator maps new pages and the kernel faults in and zeroes every
 * one of them on first touch. A compiled model hands its dead activations back here and takes its outputs from
 * here, so after the first call a forward pass allocates almost nothing. The pool keeps at most
 * {@code maxBytes}; an array handed back beyond that is freed. It takes back only the arrays it lent out and frees
 * any other: an array that an op allocated itself would otherwise join the pool on every call and never be taken
 * again, so the pool could only grow (up to {@code maxBytes}). Safe for concurrent use.
 *
 * <p>A pool that {@linkplain #followingDemand follows demand} (a training step's) may keep more than
 * {@code maxBytes}: as many arrays of each shape as were lent out at once, the most that work doing the same thing
 * again will take. A training step's arrays came to 1,173 MiB for ResNet-50 at 224x224, batch 8 (1,000 MiB for the
 * seed network at batch 128): with a fixed 1 GiB limit part of them was freed after every step and faulted in
 * afresh in the next (the residual additions at 14x14x1024 took 7.6 ms each instead of 1).
 */
final class Nd4jArrayPool implements AutoCloseable {
    private final Map<Shape, Deque<INDArray>> free = new ConcurrentHashMap<>();
    /** The arrays lent out and not yet given back, by identity ({@code INDArray.equals} compares values). */
    private final Set<INDArray> lent = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final AtomicLong pooledBytes = new AtomicLong();
    private final long maxBytes;
    /** Per shape, how many arrays are lent out now and at most; {@code null} unless following demand. */
    private final Map<Shape, long[]> demand;
    /** The sum over shapes of the most arrays lent out at once times their size. */
    private final AtomicLong demandBytes = new AtomicLong();
    private volatile boolean closed;

    /** A pool that keeps at most {@code maxBytes}; {@code 0} turns pooling off. */
    Nd4jArrayPool(long maxBytes) {
        this(maxBytes, false);
    }

    private Nd4jArrayPool(long maxBytes, boolean followingDemand) {
        this.maxBytes = maxBytes;
        this.demand = followingDemand && maxBytes > 0 ? new ConcurrentHashMap<>() : null;
    }

    /**
     * A pool that keeps at most {@code maxBytes} or, when that is more, as many arrays of each shape as were ever
     * lent out at once; {@code 0} still turns pooling off. For work that takes the same arrays every time: it keeps
     * what that work takes again, so from its second run on the work allocates nothing. Work whose shapes change
     * (the smaller last batch of an epoch) makes it keep the arrays of every shape it saw.
     */
    static Nd4jArrayPool followingDemand(long maxBytes) {
        return new Nd4jArrayPool(maxBytes, true);
    }

    /** A c-ordered float array of {@code shape} with undefined contents: a pooled one if there is one. */
    INDArray take(long[] shape) {
        Shape key = Nd4jTensor.shapeOf(shape);
        Deque<INDArray> arrays = free.get(key);
        INDArray array = arrays == null ? null : arrays.pollFirst();
        if (array == null) {
            array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        } else {
            pooledBytes.addAndGet(-bytes(array));
        }
        lent.add(array);
        if (demand != null) {
            lentOut(key, bytes(array));
        }
        return array;
    }

    /** Counts one more array of {@code shape} lent out, raising the shape's peak (and the limit) when it passes it. */
    private void lentOut(Shape shape, long arrayBytes) {
        long[] counts = demand.computeIfAbsent(shape, k -> new long[2]);
        synchronized (counts) {
            counts[0]++;
            if (counts[0] > counts[1]) {
                counts[1] = counts[0];
                demandBytes.addAndGet(arrayBytes);
            }
        }
    }

    /** Counts one array of {@code shape} handed back. */
    private void handedBack(Shape shape) {
        long[] counts = demand.get(shape);
        synchronized (counts) {
            counts[0]--;
        }
    }

    /** The most bytes the pool keeps now. */
    private long limit() {
        return demand == null ? maxBytes : Math.max(maxBytes, demandBytes.get());
    }

    /**
     * Takes {@code array} back for reuse, or frees it when the pool is full or closed, or did not lend it. The
     * caller hands over the array either way, once, and must not use it afterwards.
     */
    void give(INDArray array) {
        boolean wasLent = lent.remove(array);
        if (wasLent && demand != null) {
            handedBack(Nd4jTensor.shapeOf(array.shape()));
        }
        boolean reusable = wasLent && !closed && array.closeable();
        if (!reusable || pooledBytes.addAndGet(bytes(array)) > limit()) {
            if (reusable) {
                pooledBytes.addAndGet(-bytes(array));
            }
            if (array.closeable()) {
                array.close();
            }
            return;
        }
        free.computeIfAbsent(Nd4jTensor.shapeOf(array.shape()), k -> new ConcurrentLinkedDeque<>()).addFirst(array);
    }

    /** Bytes held for reuse now. */
    long pooledBytes() {
        return pooledBytes.get();
    }

    /** Frees every pooled array; arrays handed back later are freed at once. */
    @Override
    public void close() {
        closed = true;
        for (Deque<INDArray> arrays : free.values()) {
            INDArray a;
            while ((a = arrays.pollFirst()) != null) {
                pooledBytes.addAndGet(-bytes(a));
                a.close();
            }
        }
    }

    private static long bytes(INDArray a) {
        return a.length() * Float.BYTES;
    }
}
