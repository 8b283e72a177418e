package org.resnet4j.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.resnet4j.tensor.Shape;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (the same format): an image file (magic number {@code 0x00000803},
 * then the image count, rows and columns as big-endian int32, then one unsigned byte per pixel) and a label file
 * (magic number {@code 0x00000801}, the count, one byte per label), plain or gzip-compressed. Pixels become float32
 * {@code x / 255} in [0, 1], as the seed's Keras code scales them; each sample has shape {@code [rows, cols, 1]}.
 */
public final class IdxReader {
    /** The magic number of an IDX file of unsigned bytes in 3 dimensions: images. */
    public static final int IMAGES_MAGIC = 0x00000803;

    /** The magic number of an IDX file of unsigned bytes in 1 dimension: labels. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;
    private static final int CHUNK = 1 << 16;

    private IdxReader() {
    }

    /**
     * The data set named {@code name} made of the images in {@code images} and the labels in {@code labels}, each of
     * which must lie in {@code [0, classes)}.
     *
     * @throws DataFileException when a file is not a well-formed IDX file of its kind, or the two do not match
     */
    public static Dataset read(String name, Path images, Path labels, int classes) throws IOException {
        Images pixels = readImages(images);
        int[] classIndices = readLabels(labels, classes);
        if (classIndices.length != pixels.count()) {
            throw new DataFileException(labels, "expected as many labels as " + images + " has images ("
                    + pixels.count() + "). Received: " + classIndices.length + " labels");
        }
        return Dataset.of(name, Shape.of(pixels.rows(), pixels.cols(), 1), pixels.values(), classIndices, classes);
    }

    /** The images of an IDX image file, scaled to [0, 1]. */
    static Images readImages(Path file) throws IOException {
        try (DataFiles.Opened opened = DataFiles.open(file)) {
            ByteBuffer header = readHeader(opened, IMAGES_HEADER, IMAGES_MAGIC, "image");
            int count = header.getInt(4);
            int rows = header.getInt(8);
            int cols = header.getInt(12);
            if (count < 0 || rows < 1 || cols < 1) {
                throw new DataFileException(file, "expected an IDX header with a count >= 0 and rows, columns >= 1."
                        + " Received: " + Integer.toUnsignedString(count) + " images of "
                        + Integer.toUnsignedString(rows) + "x" + Integer.toUnsignedString(cols));
            }
            String announced = "its header announces " + count + " images of " + rows + "x" + cols;
            long pixelsPerImage = (long) rows * cols; // two ints cannot overflow a long; three can
            if (count > 0 && pixelsPerImage > (Long.MAX_VALUE - IMAGES_HEADER) / count) {
                throw tooManyPixels(file, announced);
            }
            long pixelCount = count * pixelsPerImage;
            requireCapacity(opened, IMAGES_HEADER + pixelCount, announced);
            if (pixelCount > DataFiles.MAX_ARRAY_LENGTH) {
                throw tooManyPixels(file, announced);
            }
            float[] values = new float[(int) pixelCount];
            byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, pixelCount))];
            int done = 0;
            while (done < values.length) {
                int want = Math.min(chunk.length, values.length - done);
                int got = opened.read(chunk, 0, want);
                for (int i = 0; i < got; i++) {
                    values[done + i] = (chunk[i] & 0xff) / 255f;
                }
                done += got;
                if (got < want) {
                    throw truncated(opened, IMAGES_HEADER + pixelCount, IMAGES_HEADER + done, announced);
                }
            }
            return new Images(count, rows, cols, values);
        }
    }

    /** The labels of an IDX label file, each checked to lie in {@code [0, classes)}. */
    static int[] readLabels(Path file, int classes) throws IOException {
        try (DataFiles.Opened opened = DataFiles.open(file)) {
            ByteBuffer header = readHeader(opened, LABELS_HEADER, LABELS_MAGIC, "label");
            int count = header.getInt(4);
            if (count < 0) {
                throw new DataFileException(file, "expected an IDX header with a count >= 0. Received: "
                        + Integer.toUnsignedString(count) + " labels");
            }
            String announced = "its header announces " + count + " labels";
            requireCapacity(opened, LABELS_HEADER + (long) count, announced);
            byte[] bytes = new byte[count];
            int got = opened.read(bytes, 0, count);
            if (got < count) {
                throw truncated(opened, LABELS_HEADER + (long) count, LABELS_HEADER + (long) got, announced);
            }
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xff;
                if (labels[i] >= classes) {
                    throw new DataFileException(file, "expected labels in [0, " + classes + "). Received: "
                            + labels[i] + " at sample " + i);
                }
            }
            return labels;
        }
    }

    private static ByteBuffer readHeader(DataFiles.Opened opened, int size, int magic, String kind)
            throws IOException {
        byte[] header = new byte[size];
        int got = opened.read(header, 0, size);
        ByteBuffer buffer = ByteBuffer.wrap(header);
        if (got >= 4 && buffer.getInt(0) != magic) {
            throw new DataFileException(opened.file(), "expected an IDX " + kind + " file (magic number "
                    + hex(magic) + "). Received: magic number " + hex(buffer.getInt(0)));
        }
        if (got < size) {
            throw new DataFileException(opened.file(), "truncated IDX " + kind + " file: expected a " + size
                    + "-byte header, received: " + got + " bytes" + opened.contentWord());
        }
        return buffer;
    }

    /** Refuses a header whose data cannot be in the file, before anything of its size is allocated. */
    private static void requireCapacity(DataFiles.Opened opened, long claimed, String announced)
            throws DataFileException {
        if (claimed <= opened.maxContentBytes()) {
            return;
        }
        if (opened.gzip()) {
            throw new DataFileException(opened.file(), "corrupt IDX file: " + announced + " (" + claimed
                    + " bytes), more than a gzip file of " + opened.fileSize() + " bytes can hold (at most "
                    + opened.maxContentBytes() + ")");
        }
        throw truncated(opened, claimed, opened.fileSize(), announced);
    }

    private static DataFileException truncated(DataFiles.Opened opened, long expected, long received,
            String announced) {
        return new DataFileException(opened.file(), "truncated IDX file: " + announced + ". Expected " + expected
                + " bytes" + opened.contentWord() + ", received: " + received);
    }

    private static DataFileException tooManyPixels(Path file, String announced) {
        return new DataFileException(file, announced + ". Expected at most " + DataFiles.MAX_ARRAY_LENGTH
                + " pixels, as many as one Java array holds");
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }

    /**
     * The content of an IDX image file.
     *
     * @param count  the number of images
     * @param rows   the height of each
     * @param cols   the width of each
     * @param values the pixels in [0, 1], image after image, row-major
     */
    record Images(int count, int rows, int cols, float[] values) {
    }
}
