package org.resnet4j.backend.nd4j;

/**
 * When a training step asks the JVM for a full garbage collection, so that the native memory ND4J frees only when a
 * Java object is collected comes back while training runs. Every op call, view ({@code get}, {@code reshape}) and
 * array of ND4J 1.0.0-M2.1 owns a small native object (an op context, a data-buffer handle) that its
 * {@code DeallocatorService} frees once the garbage collector has found the Java object unreachable; {@code close}
 * does not free the op context at all. Many of these objects outlive a young collection (the step holds them while it
 * runs) and are promoted, and in a heap that is rarely full the old generation is not collected for thousands of
 * steps: the resident set then grew by about 45 KiB a step on the contract's small network (docs/reliability.md,
 * "Soak"). One full collection every {@code everySteps} steps (about 60 ms with the small live heap of training)
 * frees them all; {@code 0} turns it off.
 */
final class Nd4jGarbageSchedule {
    private final int everySteps;
    private final Runnable collect;
    private long steps;

    /** Runs {@code collect} after every {@code everySteps}-th step; never when {@code everySteps} is {@code 0}. */
    Nd4jGarbageSchedule(int everySteps, Runnable collect) {
        if (everySteps < 0) {
            throw new IllegalArgumentException("Nd4jGarbageSchedule expects a number of steps, 0 or more. Received: "
                    + everySteps);
        }
        this.everySteps = everySteps;
        this.collect = collect;
    }

    /** The schedule {@link Nd4jSettings#garbageCollectionSteps()} configures, collecting with {@code System.gc()}. */
    static Nd4jGarbageSchedule configured() {
        return new Nd4jGarbageSchedule(Nd4jSettings.garbageCollectionSteps(), System::gc);
    }

    /** Counts a finished step, and collects when it is the {@code everySteps}-th since the last collection. */
    synchronized void stepTaken() {
        steps++;
        if (everySteps > 0 && steps % everySteps == 0) {
            collect.run();
        }
    }
}
