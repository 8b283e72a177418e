package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.resnet4j.data.DataFileBytes.bytes;
import static org.resnet4j.data.DataFileBytes.gzip;
import static org.resnet4j.data.DataFileBytes.head;
import static org.resnet4j.data.DataFileBytes.idxImages;
import static org.resnet4j.data.DataFileBytes.idxLabels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.tensor.Shape;

/** The IDX reader (MNIST, Fashion-MNIST): pixels, labels, gzip detection and one clear line for every bad file. */
class IdxReaderTest {
    @TempDir
    Path dir;

    /** Three 2x3 images whose pixels run 0, 1, ... 15, then 255, 128. */
    private static final byte[] PIXELS = bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 255, 128);

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path images() throws IOException {
        return write("images", idxImages(3, 2, 3, PIXELS));
    }

    private Path labels() throws IOException {
        return write("labels", idxLabels(3, bytes(9, 0, 4)));
    }

    @Test
    void read_plainFiles_scalesPixelsByOneOver255_sampleShapeRowsColsOne() throws IOException {
        Dataset data = IdxReader.read("digits/train", images(), labels(), 10);
        assertThat(data.name()).isEqualTo("digits/train");
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.sampleShape()).isEqualTo(Shape.of(2, 3, 1));
        assertThat(data.classes()).isEqualTo(10);
        assertThat(data.labels()).containsExactly(9, 0, 4);
        float[] last = new float[6];
        data.copySample(2, last, 0);
        assertThat(last).containsExactly(12 / 255f, 13 / 255f, 14 / 255f, 15 / 255f, 1f, 128 / 255f);
        float[] first = new float[6];
        data.copySample(0, first, 0);
        assertThat(first[0]).isZero();
        assertThat(first[5]).isEqualTo(5 / 255f);
    }

    @Test
    void read_gzipIsToldByItsBytes_notByItsName() throws IOException {
        Path gzipNamedPlain = write("images-plain-name", gzip(idxImages(3, 2, 3, PIXELS)));
        Path plainNamedGzip = write("labels.gz", idxLabels(3, bytes(9, 0, 4)));
        Dataset fromGzip = IdxReader.read("g", gzipNamedPlain, plainNamedGzip, 10);
        Dataset plain = IdxReader.read("p", images(), labels(), 10);
        float[] a = new float[18];
        float[] b = new float[18];
        for (int i = 0; i < 3; i++) {
            fromGzip.copySample(i, a, i * 6);
            plain.copySample(i, b, i * 6);
        }
        assertThat(a).containsExactly(b);
        assertThat(fromGzip.labels()).containsExactly(plain.labels());
    }

    @Test
    void read_labelFileGivenAsImages_saysTheMagicNumbers() throws IOException {
        Path labels = labels();
        assertThatThrownBy(() -> IdxReader.read("d", labels, labels, 10))
                .isInstanceOf(DataFileException.class)
                .hasMessage(labels + ": expected an IDX image file (magic number 0x00000803). Received: magic number "
                        + "0x00000801");
    }

    @Test
    void read_imageFileGivenAsLabels_saysTheMagicNumbers() throws IOException {
        Path images = images();
        assertThatThrownBy(() -> IdxReader.read("d", images, images, 10))
                .hasMessage(images + ": expected an IDX label file (magic number 0x00000801). Received: magic number "
                        + "0x00000803");
    }

    @Test
    void read_dimensionsWhoseProductOverflowsALong_refusedBeforeAllocating() throws IOException {
        // 3 * 1900098108 * 1665431836 is more than Long.MAX_VALUE: found by the fuzzer, which saw 4 GB allocated
        Path images = write("images", idxImages(3, 1900098108, 1665431836, new byte[4]));
        assertThatThrownBy(() -> IdxReader.read("d", images, labels(), 10))
                .hasMessage(images + ": its header announces 3 images of 1900098108x1665431836. Expected at most "
                        + (Integer.MAX_VALUE - 8) + " pixels, as many as one Java array holds");
    }

    @Test
    void read_truncatedPlainImages_saysExpectedAndReceivedBytes() throws IOException {
        Path images = write("images", head(idxImages(3, 2, 3, PIXELS), 30));
        assertThatThrownBy(() -> IdxReader.read("d", images, labels(), 10))
                .hasMessage(images + ": truncated IDX file: its header announces 3 images of 2x3. Expected 34 bytes, "
                        + "received: 30");
    }

    @Test
    void read_truncatedGzipContent_countsTheBytesAfterGunzip() throws IOException {
        Path images = write("images", gzip(head(idxImages(3, 2, 3, PIXELS), 30)));
        assertThatThrownBy(() -> IdxReader.read("d", images, labels(), 10))
                .hasMessage(images + ": truncated IDX file: its header announces 3 images of 2x3. Expected 34 bytes "
                        + "after gunzip, received: 30");
    }

    @Test
    void read_gzipFileCutShort_isATruncation() throws IOException {
        byte[] whole = gzip(idxImages(3, 2, 3, PIXELS));
        Path images = write("images", head(whole, whole.length - 12));
        assertThatThrownBy(() -> IdxReader.read("d", images, labels(), 10))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(images + ": truncated IDX file: its header announces 3 images of 2x3. "
                        + "Expected 34 bytes after gunzip, received: ");
    }

    @Test
    void read_truncatedLabels_saysExpectedAndReceivedBytes() throws IOException {
        Path labels = write("labels", head(idxLabels(3, bytes(9, 0, 4)), 9));
        assertThatThrownBy(() -> IdxReader.read("d", images(), labels, 10))
                .hasMessage(labels + ": truncated IDX file: its header announces 3 labels. Expected 11 bytes, "
                        + "received: 9");
    }

    @Test
    void read_fileShorterThanItsHeader_saysSo() throws IOException {
        Path empty = write("empty", new byte[0]);
        Path short5 = write("short", head(idxImages(3, 2, 3, PIXELS), 5));
        assertThatThrownBy(() -> IdxReader.read("d", empty, labels(), 10))
                .hasMessage(empty + ": truncated IDX image file: expected a 16-byte header, received: 0 bytes");
        assertThatThrownBy(() -> IdxReader.read("d", short5, labels(), 10))
                .hasMessage(short5 + ": truncated IDX image file: expected a 16-byte header, received: 5 bytes");
    }

    @Test
    void read_plainHeaderClaimingMoreThanTheFileHolds_isRefusedBeforeAllocating() throws IOException {
        // 16 + (2^31 - 1) * 28 * 28 = 1683627179264 bytes; the images would need a 1.7e12-element array: an attempt would throw OutOfMemoryError.
        Path images = write("images", idxImages(Integer.MAX_VALUE, 28, 28, bytes(1, 2, 3)));
        assertThatThrownBy(() -> IdxReader.read("d", images, labels(), 10))
                .hasMessage(images + ": truncated IDX file: its header announces 2147483647 images of 28x28. "
                        + "Expected 1683627179264 bytes, received: 19");
    }

    @Test
    void read_gzipHeaderClaimingMoreThanTheFileCanHold_isRefusedBeforeAllocating() throws IOException {
        byte[] content = gzip(idxImages(100_000_000, 28, 28, new byte[0]));
        Path images = write("images.gz", content);
        long max = content.length * 1032L;
        assertThatThrownBy(() -> IdxReader.read("d", images, labels(), 10))
                .hasMessage(images + ": corrupt IDX file: its header announces 100000000 images of 28x28 "
                        + "(78400000016 bytes), more than a gzip file of " + content.length + " bytes can hold (at "
                        + "most " + max + ")");
    }

    @Test
    void read_negativeCount_isRefused() throws IOException {
        Path images = write("images", idxImages(-1, 2, 3, PIXELS));
        assertThatThrownBy(() -> IdxReader.read("d", images, labels(), 10))
                .hasMessage(images + ": expected an IDX header with a count >= 0 and rows, columns >= 1. Received: "
                        + "4294967295 images of 2x3");
    }

    @Test
    void read_imageAndLabelCountsDiffer_namesBothFiles() throws IOException {
        Path images = images();
        Path labels = write("labels", idxLabels(2, bytes(1, 2)));
        assertThatThrownBy(() -> IdxReader.read("d", images, labels, 10))
                .hasMessage(labels + ": expected as many labels as " + images + " has images (3). Received: 2 labels");
    }

    @Test
    void read_labelOutOfRange_namesTheLabelAndTheSample() throws IOException {
        Path labels = write("labels", idxLabels(3, bytes(9, 10, 4)));
        assertThatThrownBy(() -> IdxReader.read("d", images(), labels, 10))
                .hasMessage(labels + ": expected labels in [0, 10). Received: 10 at sample 1");
        Path high = write("high", idxLabels(3, bytes(255, 0, 0)));
        assertThatThrownBy(() -> IdxReader.read("d", images(), high, 10))
                .hasMessage(high + ": expected labels in [0, 10). Received: 255 at sample 0");
    }

    @Test
    void read_missingFile_saysSo() throws IOException {
        Path missing = dir.resolve("nothing-here");
        assertThatThrownBy(() -> IdxReader.read("d", missing, labels(), 10))
                .isInstanceOf(DataFileException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void read_gzipMagicFollowedByGarbage_isNotAValidGzipFile() throws IOException {
        Path bad = write("bad", bytes(0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
        assertThatThrownBy(() -> IdxReader.read("d", bad, labels(), 10))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(bad + ": not a valid gzip file (");
    }
}
