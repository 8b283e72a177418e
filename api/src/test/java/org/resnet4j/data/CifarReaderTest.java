package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.resnet4j.data.DataFileBytes.cifarPixel;
import static org.resnet4j.data.DataFileBytes.cifarRecords;
import static org.resnet4j.data.DataFileBytes.gzip;
import static org.resnet4j.data.DataFileBytes.head;
import static org.resnet4j.data.DataFileBytes.tar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.tensor.Shape;

/** The CIFAR-10 binary reader: CHW records to NHWC samples, from files or from the tar.gz, and its errors. */
class CifarReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** Checks that sample {@code index} holds generated record {@code record} in NHWC order. */
    private static void assertSampleIsRecord(Dataset data, int index, int record) {
        float[] sample = new float[32 * 32 * 3];
        data.copySample(index, sample, 0);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(sample[(y * 32 + x) * 3 + c])
                            .as("sample %d at y=%d x=%d channel %d", index, y, x, c)
                            .isEqualTo(cifarPixel(record, c, y, x) / 255f);
                }
            }
        }
    }

    @Test
    void read_recordsBecomeNhwcSamplesInZeroOne_filesInTheGivenOrder() throws IOException {
        byte[] all = cifarRecords(3, 9, 0);
        Path first = write("data_batch_1.bin", java.util.Arrays.copyOfRange(all, 0, 2 * 3073));
        Path second = write("data_batch_2.bin", java.util.Arrays.copyOfRange(all, 2 * 3073, 3 * 3073));
        Dataset data = CifarReader.read("cifar10/train", List.of(first, second));
        assertThat(data.name()).isEqualTo("cifar10/train");
        assertThat(data.sampleShape()).isEqualTo(Shape.of(32, 32, 3));
        assertThat(data.classes()).isEqualTo(10);
        assertThat(data.labels()).containsExactly(3, 9, 0);
        for (int i = 0; i < 3; i++) {
            assertSampleIsRecord(data, i, i);
        }
        Dataset reversed = CifarReader.read("r", List.of(second, first));
        assertThat(reversed.labels()).containsExactly(0, 3, 9);
    }

    @Test
    void read_sizeNotWholeRecords_saysTheSizeAndTheRemainder() throws IOException {
        Path file = write("data_batch_1.bin", head(cifarRecords(1, 2), 5000));
        assertThatThrownBy(() -> CifarReader.read("d", List.of(file)))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": expected a CIFAR-10 binary file of whole 3073-byte records (1 label byte + 3072 "
                        + "pixel bytes). Received: 5000 bytes (1 records and 1927 bytes)");
    }

    @Test
    void read_labelOutOfRange_namesTheFileAndTheRecord() throws IOException {
        Path good = write("data_batch_1.bin", cifarRecords(1, 2));
        Path bad = write("data_batch_2.bin", cifarRecords(4, 5, 10));
        assertThatThrownBy(() -> CifarReader.read("d", List.of(good, bad)))
                .hasMessage(bad + ": expected labels in [0, 10). Received: 10 at record 2");
    }

    @Test
    void read_missingFile_saysSo() {
        Path missing = dir.resolve("test_batch.bin");
        assertThatThrownBy(() -> CifarReader.read("d", List.of(missing))).hasMessage(missing + ": no such file");
    }

    @Test
    void read_noFile_isRejected() {
        assertThatThrownBy(() -> CifarReader.read("d", List.of()))
                .hasMessage("CifarReader expects at least one file. Received: none");
    }

    private Map<String, byte[]> members() {
        byte[] all = cifarRecords(1, 2, 3, 4, 5);
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("cifar-10-batches-bin/", new byte[0]);
        members.put("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes());
        members.put("cifar-10-batches-bin/data_batch_2.bin", java.util.Arrays.copyOfRange(all, 3073, 3 * 3073));
        members.put("cifar-10-batches-bin/test_batch.bin", java.util.Arrays.copyOfRange(all, 3 * 3073, 5 * 3073));
        members.put("cifar-10-batches-bin/data_batch_1.bin", java.util.Arrays.copyOfRange(all, 0, 3073));
        return members;
    }

    @Test
    void readArchive_tarGz_readsTheNamedMembersInTheGivenOrder() throws IOException {
        Path archive = write("cifar-10-binary.tar.gz", gzip(tar(members())));
        Dataset train = CifarReader.readArchive("cifar10/train", archive,
                List.of("data_batch_1.bin", "data_batch_2.bin"));
        assertThat(train.labels()).containsExactly(1, 2, 3);
        for (int i = 0; i < 3; i++) {
            assertSampleIsRecord(train, i, i);
        }
        Dataset test = CifarReader.readArchive("cifar10/test", archive, List.of("test_batch.bin"));
        assertThat(test.labels()).containsExactly(4, 5);
        assertSampleIsRecord(test, 1, 4);
    }

    @Test
    void readArchive_plainTar_isReadToo() throws IOException {
        Path archive = write("cifar.tar", tar(members()));
        assertThat(CifarReader.readArchive("d", archive, List.of("test_batch.bin")).labels()).containsExactly(4, 5);
    }

    @Test
    void readArchive_missingMember_namesItAndListsTheMembers() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("cifar-10-batches-bin/data_batch_1.bin", cifarRecords(1));
        Path archive = write("cifar.tar.gz", gzip(tar(members)));
        assertThatThrownBy(() -> CifarReader.readArchive("d", archive, List.of("data_batch_1.bin", "x.bin")))
                .hasMessage(archive + ": expected a member named x.bin. Received: an archive of 1 members without it "
                        + "[cifar-10-batches-bin/data_batch_1.bin]");
    }

    @Test
    void readArchive_memberNotWholeRecords_namesTheMember() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("cifar-10-batches-bin/test_batch.bin", new byte[3074]);
        Path archive = write("cifar.tar.gz", gzip(tar(members)));
        assertThatThrownBy(() -> CifarReader.readArchive("d", archive, List.of("test_batch.bin")))
                .hasMessage(archive + " (member cifar-10-batches-bin/test_batch.bin): expected a CIFAR-10 binary "
                        + "file of whole 3073-byte records (1 label byte + 3072 pixel bytes). Received: 3074 bytes "
                        + "(1 records and 1 bytes)");
    }

    @Test
    void readArchive_labelOutOfRange_namesTheMemberAndTheRecord() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("cifar-10-batches-bin/test_batch.bin", cifarRecords(0, 200));
        Path archive = write("cifar.tar.gz", gzip(tar(members)));
        assertThatThrownBy(() -> CifarReader.readArchive("d", archive, List.of("test_batch.bin")))
                .hasMessage(archive + " (member test_batch.bin): expected labels in [0, 10). Received: 200 at "
                        + "record 1");
    }

    @Test
    void readArchive_truncatedGzip_saysExpectedAndReceived() throws IOException {
        byte[] whole = tar(members());
        // Blocks: folder header, text header, text data, data_batch_2 header; its data starts at 4 * 512.
        Path archive = write("cifar.tar.gz", gzip(head(whole, 512 * 4 + 100)));
        assertThatThrownBy(() -> CifarReader.readArchive("d", archive, List.of("data_batch_2.bin")))
                .hasMessage(archive + " (member cifar-10-batches-bin/data_batch_2.bin): truncated archive: expected "
                        + "6146 bytes after gunzip, received: 100");
    }
}
