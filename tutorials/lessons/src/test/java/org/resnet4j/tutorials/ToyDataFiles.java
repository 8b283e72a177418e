package org.resnet4j.tutorials;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small, learnable data sets in the real files' formats, so the training lessons can run on them in seconds
 * without the network: MNIST's four gzipped IDX files and CIFAR-10's binary batches. In both, the class decides
 * which quadrant of the image is bright; the rest is dim noise.
 */
public final class ToyDataFiles {
    /** The toy sets use the first four classes. */
    public static final int CLASSES = 4;

    private ToyDataFiles() {
    }

    /**
     * MNIST's files in {@code dir}: {@code train} and {@code test} images of {@code side x side} pixels, labels
     * cycling through {@link #CLASSES} classes.
     */
    public static void writeIdx(Path dir, int train, int test, int side, long seed) throws IOException {
        Random random = new Random(seed);
        writeIdxSet(dir, "train", train, side, random);
        writeIdxSet(dir, "t10k", test, side, random);
    }

    private static void writeIdxSet(Path dir, String prefix, int count, int side, Random random) throws IOException {
        ByteBuffer images = ByteBuffer.allocate(16 + count * side * side).putInt(0x00000803).putInt(count)
                .putInt(side).putInt(side);
        ByteBuffer labels = ByteBuffer.allocate(8 + count).putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            int label = i % CLASSES;
            labels.put((byte) label);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    images.put((byte) pixel(label, y, x, side, random));
                }
            }
        }
        gzip(dir.resolve(prefix + "-images-idx3-ubyte.gz"), images.array());
        gzip(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels.array());
    }

    /**
     * CIFAR-10's binary batches in {@code dir}: five training files of {@code perTrainFile} records each and a test
     * file of {@code test} records. Each record is a label byte, then the red, green and blue 32x32 planes.
     */
    public static void writeCifar(Path dir, int perTrainFile, int test, long seed) throws IOException {
        Random random = new Random(seed);
        for (int f = 1; f <= 5; f++) {
            Files.write(dir.resolve("data_batch_" + f + ".bin"), cifarRecords(perTrainFile, random));
        }
        Files.write(dir.resolve("test_batch.bin"), cifarRecords(test, random));
    }

    private static byte[] cifarRecords(int count, Random random) {
        byte[] data = new byte[count * 3073];
        for (int r = 0; r < count; r++) {
            int label = r % CLASSES;
            data[r * 3073] = (byte) label;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        data[r * 3073 + 1 + c * 1024 + y * 32 + x] = (byte) pixel(label, y, x, 32, random);
                    }
                }
            }
        }
        return data;
    }

    /** Bright (200-255) in the quadrant of {@code label}, dim noise (0-55) elsewhere. */
    private static int pixel(int label, int y, int x, int side, Random random) {
        int quadrant = (y < side / 2 ? 0 : 2) + (x < side / 2 ? 0 : 1);
        return quadrant == label ? 200 + random.nextInt(56) : random.nextInt(56);
    }

    private static void gzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }
}
