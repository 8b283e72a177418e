package org.resnet4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.tensor.Shape;

/**
 * Reads the CIFAR-10 binary format ({@code data_batch_1.bin} ... {@code data_batch_5.bin}, {@code test_batch.bin}):
 * records of one label byte and 3072 pixel bytes, the red, green and blue 32x32 planes one after the other (CHW).
 * Samples become NHWC {@code [32, 32, 3]} float32 {@code x / 255} in [0, 1], 10 classes. The files are read as they
 * are or straight from {@code cifar-10-binary.tar.gz}, without extracting it.
 */
public final class CifarReader {
    /** Bytes in one record: the label, then 3 planes of 32x32. */
    public static final int RECORD_BYTES = 3073;

    /** The shape of one sample. */
    public static final Shape SAMPLE_SHAPE = Shape.of(32, 32, 3);

    /** The number of classes. */
    public static final int CLASSES = 10;

    /** The five training files. */
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");

    /** The test file. */
    public static final List<String> TEST_FILES = List.of("test_batch.bin");

    private static final int PLANE = 32 * 32;
    private static final int SAMPLE = 3 * PLANE;

    private CifarReader() {
    }

    /**
     * The data set named {@code name} made of the records of {@code files}, in that order.
     *
     * @throws DataFileException when a file is not whole records or holds a label outside [0, 10)
     */
    public static Dataset read(String name, List<Path> files) throws IOException {
        requireSome(files);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (Path file : files) {
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                throw new DataFileException(file, "no such file");
            }
            requireWholeRecords(String.valueOf(file), size);
            contents.put(String.valueOf(file), Files.readAllBytes(file));
        }
        return toDataset(name, contents);
    }

    /**
     * The data set named {@code name} made of the members of the tar archive {@code archive} (plain or gzip) whose
     * file names are {@code fileNames} (in whichever folder of the archive), in that order.
     *
     * @throws DataFileException when a member is missing, not whole records, or holds a label outside [0, 10)
     */
    public static Dataset readArchive(String name, Path archive, List<String> fileNames) throws IOException {
        requireSome(fileNames);
        Map<String, byte[]> found = new LinkedHashMap<>();
        List<String> members = new ArrayList<>();
        try (DataFiles.Opened opened = DataFiles.open(archive)) {
            TarReader tar = new TarReader(opened);
            for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
                members.add(entry.name());
                String fileName = entry.name().substring(entry.name().lastIndexOf('/') + 1);
                if (!entry.regular() || !fileNames.contains(fileName) || found.containsKey(fileName)) {
                    continue;
                }
                String location = archive + " (member " + entry.name() + ")";
                requireWholeRecords(location, entry.size());
                if (entry.size() > tar.maxMemberBytes()) {
                    throw new DataFileException(location, "corrupt archive: the member claims " + entry.size()
                            + " bytes, more than a file of " + opened.fileSize() + " bytes can hold");
                }
                byte[] data = new byte[(int) entry.size()];
                int got = tar.read(data, 0, data.length);
                if (got < data.length) {
                    throw new DataFileException(location, "truncated archive: expected " + data.length
                            + " bytes" + opened.contentWord() + ", received: " + got);
                }
                found.put(fileName, data);
            }
        }
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        for (String fileName : fileNames) {
            byte[] data = found.get(fileName);
            if (data == null) {
                throw new DataFileException(archive, "expected a member named " + fileName + ". Received: an "
                        + "archive of " + members.size() + " members without it " + members);
            }
            ordered.put(archive + " (member " + fileName + ")", data);
        }
        return toDataset(name, ordered);
    }

    private static void requireSome(List<?> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("CifarReader expects at least one file. Received: none");
        }
    }

    private static void requireWholeRecords(String location, long size) throws DataFileException {
        if (size % RECORD_BYTES != 0) {
            throw new DataFileException(location, "expected a CIFAR-10 binary file of whole " + RECORD_BYTES
                    + "-byte records (1 label byte + 3072 pixel bytes). Received: " + size + " bytes ("
                    + size / RECORD_BYTES + " records and " + size % RECORD_BYTES + " bytes)");
        }
        if (size / RECORD_BYTES * SAMPLE > DataFiles.MAX_ARRAY_LENGTH) {
            throw new DataFileException(location, "expected at most " + DataFiles.MAX_ARRAY_LENGTH / SAMPLE
                    + " records, as many as one Java array holds. Received: " + size / RECORD_BYTES);
        }
    }

    /** Converts the records of every file (keyed by its location, for messages) into one data set. */
    private static Dataset toDataset(String name, Map<String, byte[]> contents) throws DataFileException {
        long total = 0;
        for (byte[] data : contents.values()) {
            total += data.length / RECORD_BYTES;
        }
        if (total * SAMPLE > DataFiles.MAX_ARRAY_LENGTH) {
            throw new DataFileException(contents.keySet().iterator().next(), "expected at most "
                    + DataFiles.MAX_ARRAY_LENGTH / SAMPLE + " records in all, as many as one Java array holds. "
                    + "Received: " + total);
        }
        float[] values = new float[(int) total * SAMPLE];
        int[] labels = new int[(int) total];
        int sample = 0;
        for (Map.Entry<String, byte[]> file : contents.entrySet()) {
            byte[] data = file.getValue();
            for (int record = 0; record < data.length / RECORD_BYTES; record++, sample++) {
                int start = record * RECORD_BYTES;
                labels[sample] = data[start] & 0xff;
                if (labels[sample] >= CLASSES) {
                    throw new DataFileException(file.getKey(), "expected labels in [0, " + CLASSES + "). Received: "
                            + labels[sample] + " at record " + record);
                }
                toHwc(data, start + 1, values, sample * SAMPLE);
            }
        }
        return Dataset.of(name, SAMPLE_SHAPE, values, labels, CLASSES);
    }

    /** One record's CHW planes into HWC float32 in [0, 1]. */
    private static void toHwc(byte[] data, int from, float[] values, int to) {
        for (int channel = 0; channel < 3; channel++) {
            int plane = from + channel * PLANE;
            for (int pixel = 0; pixel < PLANE; pixel++) {
                values[to + pixel * 3 + channel] = (data[plane + pixel] & 0xff) / 255f;
            }
        }
    }
}
