package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.resnet4j.plan.OpPlan;

/**
 * Assigns each activation of a compiled model an offset in one device arena so that tensors alive at the same
 * step never overlap, and tensors whose lifetimes are disjoint reuse the same bytes. Pure Java.
 *
 * <p>The strategy is greedy by size (largest first), placing each buffer at the lowest aligned offset that does
 * not collide with an already placed buffer whose lifetime intersects its own. Every plan is at least the
 * lower bound {@link #lowerBound}; for chains and residual diamonds it meets it.
 */
final class CudaBufferPlanner {
    /** Offsets are multiples of this many bytes (what cuMemAlloc guarantees, and what coalescing likes). */
    public static final long ALIGNMENT = 256;

    private CudaBufferPlanner() {
    }

    /**
     * A buffer to place: its size and the steps during which it must hold its value (both ends included).
     *
     * @param bytes     size in bytes, positive
     * @param firstStep the step that writes it
     * @param lastStep  the last step that reads it
     */
    record Request(long bytes, int firstStep, int lastStep) {
        public Request {
            if (bytes <= 0 || firstStep < 0 || lastStep < firstStep) {
                throw new IllegalArgumentException("A buffer request needs bytes > 0 and 0 <= firstStep <= lastStep."
                        + " Received: bytes=" + bytes + ", steps=[" + firstStep + ", " + lastStep + "]");
            }
        }

        /** True when both buffers hold a value at some common step. */
        public boolean overlapsInTime(Request other) {
            return firstStep <= other.lastStep && other.firstStep <= lastStep;
        }
    }

    /**
     * The placement: one offset per request (same order) and the arena size.
     *
     * @param offsets    byte offset of each request in the arena
     * @param arenaBytes bytes the arena needs
     */
    record Plan(long[] offsets, long arenaBytes) {
    }

    /**
     * The request of every value of {@code plan}, in value order: its bytes and its lifetime as the plan's
     * liveness gives it (an in-place step's result is its input's value, so they share one buffer).
     */
    static List<Request> requests(OpPlan plan) {
        List<Request> requests = new ArrayList<>(plan.valueCount());
        for (int v = 0; v < plan.valueCount(); v++) {
            requests.add(new Request(plan.valueShape(v).sizeAsLong() * Float.BYTES, plan.liveness().firstStep(v),
                    plan.liveness().lastStep(v)));
        }
        return requests;
    }

    /** Places {@code requests}; see the class comment. */
    public static Plan plan(List<Request> requests) {
        int count = requests.size();
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingLong(i -> -aligned(requests.get(i).bytes()))
                .thenComparingInt(i -> requests.get(i).firstStep()));
        long[] offsets = new long[count];
        List<Integer> placed = new ArrayList<>();
        long arena = 0;
        for (int index : order) {
            Request r = requests.get(index);
            long size = aligned(r.bytes());
            List<long[]> busy = new ArrayList<>();
            for (int p : placed) {
                if (requests.get(p).overlapsInTime(r)) {
                    busy.add(new long[] {offsets[p], offsets[p] + aligned(requests.get(p).bytes())});
                }
            }
            busy.sort(Comparator.comparingLong(b -> b[0]));
            long candidate = 0;
            for (long[] b : busy) {
                if (candidate + size <= b[0]) {
                    break;
                }
                candidate = Math.max(candidate, b[1]);
            }
            offsets[index] = candidate;
            placed.add(index);
            arena = Math.max(arena, candidate + size);
        }
        return new Plan(offsets, arena);
    }

    /** No placement can use less: the largest total of aligned sizes alive at one step. */
    public static long lowerBound(List<Request> requests) {
        int last = requests.stream().mapToInt(Request::lastStep).max().orElse(-1);
        long best = 0;
        for (int step = 0; step <= last; step++) {
            long live = 0;
            for (Request r : requests) {
                if (r.firstStep() <= step && step <= r.lastStep()) {
                    live += aligned(r.bytes());
                }
            }
            best = Math.max(best, live);
        }
        return best;
    }

    /** {@code bytes} rounded up to {@link #ALIGNMENT}. */
    public static long aligned(long bytes) {
        return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
}
