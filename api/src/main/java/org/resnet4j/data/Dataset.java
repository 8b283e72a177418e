package org.resnet4j.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Labelled images held in memory: samples of one shape {@code [height, width, channels]} (float32, NHWC) with a class
 * index each. Slicing, limiting and splitting give views that share the samples; only {@link #batches} copies, once
 * per batch, into the array that the backend uploads.
 */
public final class Dataset {
    private final String name;
    private final Shape sampleShape;
    private final int sampleSize;
    private final float[] images;
    private final int[] labels;
    private final int classes;
    private final int[] order;

    private Dataset(String name, Shape sampleShape, float[] images, int[] labels, int classes, int[] order) {
        this.name = name;
        this.sampleShape = sampleShape;
        this.sampleSize = sampleShape.size();
        this.images = images;
        this.labels = labels;
        this.classes = classes;
        this.order = order;
    }

    /**
     * A data set over {@code images} (not copied; {@code labels.length} samples of {@code sampleShape} one after the
     * other) whose labels lie in {@code [0, classes)}.
     */
    public static Dataset of(String name, Shape sampleShape, float[] images, int[] labels, int classes) {
        if (sampleShape.rank() != 3) {
            throw new IllegalArgumentException("Dataset \"" + name + "\" expects samples of shape [height, width, "
                    + "channels]. Received: " + sampleShape);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("Dataset \"" + name + "\" expects at least 1 class. Received: " + classes);
        }
        long expected = (long) labels.length * sampleShape.size();
        if (images.length != expected) {
            throw new IllegalArgumentException("Dataset \"" + name + "\" expects " + expected + " values ("
                    + labels.length + " samples of " + sampleShape + "). Received: " + images.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("Dataset \"" + name + "\" expects labels in [0, " + classes
                        + "). Received: " + labels[i] + " at sample " + i);
            }
        }
        int[] order = new int[labels.length];
        Arrays.setAll(order, i -> i);
        return new Dataset(name, sampleShape, images, labels, classes, order);
    }

    /** The name, for messages and logs: {@code "fashion-mnist/train"}. */
    public String name() {
        return name;
    }

    /** The number of samples. */
    public int size() {
        return order.length;
    }

    /** The shape of one sample, {@code [height, width, channels]}. */
    public Shape sampleShape() {
        return sampleShape;
    }

    /** The number of classes; every label lies in {@code [0, classes)}. */
    public int classes() {
        return classes;
    }

    /** The label of sample {@code index}. */
    public int label(int index) {
        return labels[order[index]];
    }

    /** Copies sample {@code index} into {@code target} at {@code offset}. */
    public void copySample(int index, float[] target, int offset) {
        System.arraycopy(images, order[index] * sampleSize, target, offset, sampleSize);
    }

    /** Samples {@code [from, to)}, a view sharing this data set's arrays. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("Dataset \"" + name + "\" slice expects 0 <= from <= to <= " + size()
                    + ". Received: from=" + from + ", to=" + to);
        }
        return new Dataset(name, sampleShape, images, labels, classes, Arrays.copyOfRange(order, from, to));
    }

    /** The first {@code count} samples (all of them when there are fewer). */
    public Dataset limit(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Dataset \"" + name + "\" limit expects a count >= 0. Received: "
                    + count);
        }
        return slice(0, Math.min(count, size()));
    }

    /**
     * Keras' {@code validation_split}: the last {@code fraction} of the samples, taken before any shuffling, become
     * the validation set; the training set keeps the first {@code floor(size * (1 - fraction))} samples, as Keras
     * rounds. A fraction of 0 gives an empty validation set; a fraction that leaves either part empty is an error,
     * as in Keras.
     */
    public Split split(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("Dataset \"" + name + "\" validation split expects a fraction in "
                    + "[0, 1). Received: " + fraction);
        }
        if (fraction == 0) {
            return new Split(this, slice(size(), size()));
        }
        int training = (int) Math.floor(size() * (1.0 - fraction));
        if (training == 0 || training == size()) {
            throw new IllegalArgumentException("Dataset \"" + name + "\" has " + size() + " samples, which is not "
                    + "sufficient to split it into a validation and training set as specified by validation split "
                    + fraction + ". Expected a fraction that leaves at least one sample on each side.");
        }
        return new Split(slice(0, training), slice(training, size()));
    }

    /** The samples in batches of {@code batchSize}, in order; the last batch may be smaller. */
    public Iterable<Batch> batches(int batchSize) {
        return batches(batchSize, null, null);
    }

    /**
     * The samples in batches of {@code batchSize}, shuffled with {@code random} when it is not {@code null} (a new
     * permutation on each call) and each sample changed by {@code augmentation} when it is not {@code null}; the last
     * batch may be smaller. Each batch is one new array, filled once.
     */
    public Iterable<Batch> batches(int batchSize, Random random, Augmentation augmentation) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Dataset \"" + name + "\" expects a batch size >= 1. Received: "
                    + batchSize);
        }
        if (augmentation != null && random == null) {
            throw new IllegalArgumentException("Dataset \"" + name + "\" expects a Random with an augmentation "
                    + "(its random choices come from it). Received: none");
        }
        int[] visit = Arrays.copyOf(order, order.length);
        if (random != null) {
            for (int i = visit.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = visit[i];
                visit[i] = visit[j];
                visit[j] = swap;
            }
        }
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < visit.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int count = Math.min(batchSize, visit.length - next);
                float[] data = new float[count * sampleSize];
                int[] batchLabels = new int[count];
                for (int i = 0; i < count; i++) {
                    int sample = visit[next + i];
                    System.arraycopy(images, sample * sampleSize, data, i * sampleSize, sampleSize);
                    batchLabels[i] = labels[sample];
                    if (augmentation != null) {
                        augmentation.apply(data, i * sampleSize, sampleShape, random);
                    }
                }
                next += count;
                return new Batch(HostTensor.of(sampleShape.withBatch(count), data), batchLabels, classes);
            }
        };
    }

    /** The number of batches of {@code batchSize} that {@link #batches} gives. */
    public int batchCount(int batchSize) {
        return (size() + batchSize - 1) / batchSize;
    }

    /** The labels in order, a copy. */
    public int[] labels() {
        int[] result = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            result[i] = labels[order[i]];
        }
        return result;
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + size() + " samples of " + sampleShape + ", " + classes + " classes]";
    }

    /**
     * The two parts of a {@link #split}.
     *
     * @param training   the first samples
     * @param validation the last {@code fraction} of the samples
     */
    public record Split(Dataset training, Dataset validation) {
    }

}
