package org.resnet4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small data sets in the formats {@code train} and {@code evaluate} read, byte by byte from the formats'
 * descriptions (docs/data.md), so the tests need neither the network nor the Debian package: MNIST-style IDX files
 * (gzip, under the names the loader looks for) and CIFAR-10 binary batches. Pixels are a class-dependent pattern plus
 * noise from a fixed formula, so every file is the same on every run.
 */
final class TinyDataFiles {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    static final int IDX_IMAGES_MAGIC = 0x00000803;
    static final int IDX_LABELS_MAGIC = 0x00000801;
    static final int CIFAR_RECORD = 1 + 3 * 32 * 32;

    private TinyDataFiles() {
    }

    /** The four MNIST files in {@code dir}: {@code train} training and {@code test} test images of 28x28. */
    static Path mnist(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        gzip(dir.resolve(TRAIN_IMAGES), idxImages(train, 28, 28, 1));
        gzip(dir.resolve(TRAIN_LABELS), idxLabels(labels(train, 1)));
        gzip(dir.resolve(TEST_IMAGES), idxImages(test, 28, 28, 2));
        gzip(dir.resolve(TEST_LABELS), idxLabels(labels(test, 2)));
        return dir;
    }

    /** CIFAR-10's six batch files in {@code dir}: {@code perTrainBatch} records in each of the five, {@code test} in test_batch.bin. */
    static Path cifar10(Path dir, int perTrainBatch, int test) throws IOException {
        Files.createDirectories(dir);
        for (int b = 1; b <= 5; b++) {
            Files.write(dir.resolve("data_batch_" + b + ".bin"), cifarRecords(labels(perTrainBatch, 10 + b), 10 + b));
        }
        Files.write(dir.resolve("test_batch.bin"), cifarRecords(labels(test, 3), 3));
        return dir;
    }

    /** An IDX image file's bytes: the header (magic, count, rows, cols) and a pixel pattern. */
    static byte[] idxImages(int count, int rows, int cols, int salt) {
        ByteBuffer bytes = ByteBuffer.allocate(16 + count * rows * cols);
        bytes.putInt(IDX_IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        int[] labels = labels(count, salt);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                bytes.put((byte) pixel(labels[i], p, i, salt));
            }
        }
        return bytes.array();
    }

    /** An IDX label file's bytes: the header (magic, count) and one byte per label. */
    static byte[] idxLabels(int[] labels) {
        ByteBuffer bytes = ByteBuffer.allocate(8 + labels.length);
        bytes.putInt(IDX_LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) {
            bytes.put((byte) label);
        }
        return bytes.array();
    }

    /** CIFAR-10 records: a label byte, then the red, green and blue 32x32 planes. */
    static byte[] cifarRecords(int[] labels, int salt) {
        ByteBuffer bytes = ByteBuffer.allocate(labels.length * CIFAR_RECORD);
        for (int i = 0; i < labels.length; i++) {
            bytes.put((byte) labels[i]);
            for (int p = 0; p < 3 * 32 * 32; p++) {
                bytes.put((byte) pixel(labels[i], p, i, salt));
            }
        }
        return bytes.array();
    }

    /** Labels cycling through the ten classes from an offset, so every class appears. */
    static int[] labels(int count, int salt) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (i * 7 + salt) % 10;
        }
        return labels;
    }

    /** Writes {@code content} gzip-compressed. */
    static void gzip(Path file, byte[] content) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(buffer)) {
            gz.write(content);
        }
        Files.write(file, buffer.toByteArray());
    }

    /** A bright band whose position depends on the label, over low noise. */
    private static int pixel(int label, int index, int sample, int salt) {
        int noise = Math.floorMod(index * 31 + sample * 17 + salt * 13, 40);
        return (index / 28) % 10 == label ? 200 + noise : noise;
    }
}
