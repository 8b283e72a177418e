package org.resnet4j.data;

import java.util.Random;
import org.resnet4j.tensor.Shape;

/**
 * A random change applied to each training sample as its batch is assembled (random crop, horizontal flip). It works
 * in place on the batch's own array, so augmenting costs no extra copy.
 */
@FunctionalInterface
public interface Augmentation {
    /**
     * Changes the sample that starts at {@code offset} in {@code batchImages} in place; {@code sampleShape} is its
     * {@code [height, width, channels]}. Every random choice comes from {@code random}, so a seed repeats a run.
     */
    void apply(float[] batchImages, int offset, Shape sampleShape, Random random);

    /** This augmentation, then {@code next}, on the same sample and the same {@code Random}. */
    default Augmentation andThen(Augmentation next) {
        return (batchImages, offset, sampleShape, random) -> {
            apply(batchImages, offset, sampleShape, random);
            next.apply(batchImages, offset, sampleShape, random);
        };
    }
}
