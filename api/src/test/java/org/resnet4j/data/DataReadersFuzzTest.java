package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.fuzz.ByteMutations;
import org.resnet4j.fuzz.FuzzCampaign;
import org.resnet4j.fuzz.FuzzReport;
import org.resnet4j.fuzz.Outcome;

/**
 * Fuzzes the data set readers on the seed corpora {@code fuzz/idx_images}, {@code fuzz/idx_labels},
 * {@code fuzz/cifar} and {@code fuzz/cifar_archive} and their mutants: every input reads or is refused with a
 * {@link DataFileException} naming the file, in bounded time and memory. {@code -Dfuzz.seconds=N} fuzzes each for N
 * seconds instead (docs/reliability.md).
 */
class DataReadersFuzzTest {
    private static final long MAX_ALLOCATED = 64L * 1024 * 1024;

    @TempDir
    Path folder;

    /** No finding, every seed accepted, and at least {@code distinctErrors} different refusals seen. */
    private static void assertNoFindings(FuzzReport report, int seeds, int distinctErrors) {
        assertThat(report.findings()).as(report.summary()).isEmpty();
        assertThat(report.count(Outcome.ACCEPTED)).as(report.summary()).isGreaterThanOrEqualTo(seeds);
        assertThat(report.messages().size()).as(report.summary()).isGreaterThanOrEqualTo(distinctErrors);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(folder.resolve(name), content);
    }

    @Test
    void idxImages_mutatedFiles_readOrThrowDataFileExceptionNamingTheFile() throws IOException {
        Path labels = write("labels.idx", DataFileBytes.idxLabels(3, new byte[] {1, 0, 9}));
        FuzzReport report = FuzzCampaign.of("idx_images", file -> IdxReader.read("fuzz", file, labels, 10))
                .corpusOnClassPath(DataReadersFuzzTest.class)
                .mutations(ByteMutations.all())
                .allowing(DataFileException.class)
                .extension(".idx")
                .maxAllocatedBytes(MAX_ALLOCATED)
                .run();

        assertNoFindings(report, 2, 5);
    }

    @Test
    void idxLabels_mutatedFiles_readOrThrowDataFileExceptionNamingTheFile() throws IOException {
        Path images = write("images.idx", DataFileBytes.idxImages(3, 4, 4, new byte[48]));
        FuzzReport report = FuzzCampaign.of("idx_labels", file -> IdxReader.read("fuzz", images, file, 10))
                .corpusOnClassPath(DataReadersFuzzTest.class)
                .mutations(ByteMutations.all())
                .allowing(DataFileException.class)
                .extension(".idx")
                .maxAllocatedBytes(MAX_ALLOCATED)
                .run();

        assertNoFindings(report, 2, 5);
    }

    @Test
    void cifarBatches_mutatedFiles_readOrThrowDataFileExceptionNamingTheFile() {
        FuzzReport report = FuzzCampaign.of("cifar", file -> CifarReader.read("fuzz", List.of(file)))
                .corpusOnClassPath(DataReadersFuzzTest.class)
                .mutations(ByteMutations.all())
                .allowing(DataFileException.class)
                .extension(".bin")
                .maxAllocatedBytes(MAX_ALLOCATED)
                .run();

        // a batch file can only be wrong in its length or in a label byte: few distinct refusals
        assertNoFindings(report, 1, 1);
    }

    @Test
    void cifarArchive_mutatedFiles_readOrThrowDataFileExceptionNamingTheFile() {
        FuzzReport report = FuzzCampaign.of("cifar_archive",
                        file -> CifarReader.readArchive("fuzz", file, List.of("data_batch_1.bin")))
                .corpusOnClassPath(DataReadersFuzzTest.class)
                .mutations(ByteMutations.all())
                .allowing(DataFileException.class)
                .extension(".tar.gz")
                .maxAllocatedBytes(MAX_ALLOCATED)
                .run();

        assertNoFindings(report, 1, 3);
    }
}
