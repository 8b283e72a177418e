package org.resnet4j.training.fit;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.data.Augmentation;
import org.resnet4j.data.Dataset;

/**
 * The arguments of Keras' {@code fit} as an immutable value: {@code FitOptions.of().withBatchSize(128).withEpochs(10)
 * .withValidationSplit(0.1)}. Defaults are Keras': batch size 32, 1 epoch, shuffling on, no validation; the seed
 * defaults to 42. Every setter checks its argument at once.
 */
public final class FitOptions {
    /** The seed of {@link #of()}. */
    public static final long DEFAULT_SEED = 42L;

    private final int batchSize;
    private final int epochs;
    private final int initialEpoch;
    private final double validationSplit;
    private final Dataset validationData;
    private final boolean shuffle;
    private final long seed;
    private final Augmentation augmentation;
    private final List<Callback> callbacks;

    private FitOptions(int batchSize, int epochs, int initialEpoch, double validationSplit, Dataset validationData,
            boolean shuffle, long seed, Augmentation augmentation, List<Callback> callbacks) {
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.initialEpoch = initialEpoch;
        this.validationSplit = validationSplit;
        this.validationData = validationData;
        this.shuffle = shuffle;
        this.seed = seed;
        this.augmentation = augmentation;
        this.callbacks = List.copyOf(callbacks);
    }

    /** Keras' defaults: batch size 32, 1 epoch, shuffled, no validation, seed 42, no augmentation, no callbacks. */
    public static FitOptions of() {
        return new FitOptions(32, 1, 0, 0, null, true, DEFAULT_SEED, null, List.of());
    }

    /** Samples per training step; the last batch of an epoch may be smaller. */
    public FitOptions withBatchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("FitOptions expects a batch size >= 1. Received: " + size);
        }
        return new FitOptions(size, epochs, initialEpoch, validationSplit, validationData, shuffle, seed,
                augmentation, callbacks);
    }

    /** The epoch count to reach: epochs {@code initialEpoch} to {@code epochs - 1} run (Keras' meaning). */
    public FitOptions withEpochs(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("FitOptions expects epochs >= 1. Received: " + count);
        }
        return new FitOptions(batchSize, count, initialEpoch, validationSplit, validationData, shuffle, seed,
                augmentation, callbacks);
    }

    /** The first epoch to run, when resuming a run that completed {@code epoch} epochs. */
    public FitOptions withInitialEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("FitOptions expects an initial epoch >= 0. Received: " + epoch);
        }
        return new FitOptions(batchSize, epochs, epoch, validationSplit, validationData, shuffle, seed,
                augmentation, callbacks);
    }

    /**
     * Keras' {@code validation_split}: the last {@code fraction} of the training data, taken before shuffling
     * ({@link Dataset#split}), is held out and evaluated after every epoch.
     */
    public FitOptions withValidationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("FitOptions expects a validationSplit in [0, 1). Received: " + fraction);
        }
        if (fraction > 0 && validationData != null) {
            throw bothValidations();
        }
        return new FitOptions(batchSize, epochs, initialEpoch, fraction, validationData, shuffle, seed,
                augmentation, callbacks);
    }

    /** Keras' {@code validation_data}: a separate data set evaluated after every epoch. */
    public FitOptions withValidationData(Dataset data) {
        if (data != null && validationSplit > 0) {
            throw bothValidations();
        }
        return new FitOptions(batchSize, epochs, initialEpoch, validationSplit, data, shuffle, seed, augmentation,
                callbacks);
    }

    /** Whether each epoch visits the training samples in a new order drawn from (seed, epoch). */
    public FitOptions withShuffle(boolean enabled) {
        return new FitOptions(batchSize, epochs, initialEpoch, validationSplit, validationData, enabled, seed,
                augmentation, callbacks);
    }

    /** The seed every random choice of the run derives from: shuffling, augmentation, dropout masks. */
    public FitOptions withSeed(long newSeed) {
        return new FitOptions(batchSize, epochs, initialEpoch, validationSplit, validationData, shuffle, newSeed,
                augmentation, callbacks);
    }

    /** A random change applied to each training sample (never to validation samples); {@code null} for none. */
    public FitOptions withAugmentation(Augmentation newAugmentation) {
        return new FitOptions(batchSize, epochs, initialEpoch, validationSplit, validationData, shuffle, seed,
                newAugmentation, callbacks);
    }

    /** These callbacks, after the ones already given, called in order. */
    public FitOptions withCallbacks(Callback... more) {
        List<Callback> all = new ArrayList<>(callbacks);
        all.addAll(List.of(more));
        return new FitOptions(batchSize, epochs, initialEpoch, validationSplit, validationData, shuffle, seed,
                augmentation, all);
    }

    private static IllegalArgumentException bothValidations() {
        return new IllegalArgumentException("FitOptions expects either a validationSplit or validation data, not both");
    }

    public int batchSize() {
        return batchSize;
    }

    public int epochs() {
        return epochs;
    }

    public int initialEpoch() {
        return initialEpoch;
    }

    public double validationSplit() {
        return validationSplit;
    }

    /** The explicit validation data, or {@code null}. */
    public Dataset validationData() {
        return validationData;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public long seed() {
        return seed;
    }

    /** The augmentation, or {@code null}. */
    public Augmentation augmentation() {
        return augmentation;
    }

    public List<Callback> callbacks() {
        return callbacks;
    }

    @Override
    public String toString() {
        return "FitOptions[batchSize=" + batchSize + ", epochs=" + epochs + ", initialEpoch=" + initialEpoch
                + ", validationSplit=" + validationSplit + ", validationData=" + validationData + ", shuffle=" + shuffle
                + ", seed=" + seed + ", augmentation=" + augmentation + ", callbacks=" + callbacks + "]";
    }
}
