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
 */
final class Nd4jArrayPool implements AutoCloseable {
    private final Map<Shape, Deque<INDArray>> free = new ConcurrentHashMap<>();
    /** The arrays lent out and not yet given back, by identity ({@code INDArray.equals} compares values). */
    private final Set<INDArray> lent = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final AtomicLong pooledBytes = new AtomicLong();
    private final long maxBytes;
    private volatile boolean closed;

    Nd4jArrayPool(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A c-ordered float array of {@code shape} with undefined contents: a pooled one if there is one. */
    INDArray take(long[] shape) {
        Deque<INDArray> arrays = free.get(Nd4jTensor.shapeOf(shape));
        INDArray array = arrays == null ? null : arrays.pollFirst();
        if (array == null) {
            array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        } else {
            pooledBytes.addAndGet(-bytes(array));
        }
        lent.add(array);
        return array;
    }

    /**
     * Takes {@code array} back for reuse, or frees it when the pool is full or closed, or did not lend it. The
     * caller hands over the array either way, once, and must not use it afterwards.
     */
    void give(INDArray array) {
        boolean reusable = lent.remove(array) && !closed && array.closeable();
        if (!reusable || pooledBytes.addAndGet(bytes(array)) > maxBytes) {
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
