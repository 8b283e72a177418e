package org.resnet4j.training.fit;

/**
 * Seeds derived from a run's seed, one per purpose and index, so that each epoch's shuffle and each step's dropout
 * masks depend only on (seed, epoch) or (seed, iteration): a run resumed at epoch k draws what the uninterrupted run
 * drew.
 */
final class Seeds {
    static final long SHUFFLE = 1;
    static final long AUGMENTATION = 2;
    static final long DROPOUT = 3;

    private Seeds() {
    }

    /** A well-mixed seed for {@code purpose} and {@code index} (SplitMix64's finaliser over the three). */
    static long derive(long seed, long purpose, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (purpose + 1) + 0xBF58476D1CE4E5B9L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
