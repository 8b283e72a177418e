package org.resnet4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resnet4j.fuzz.ByteMutations;
import org.resnet4j.fuzz.FuzzCampaign;
import org.resnet4j.fuzz.FuzzReport;
import org.resnet4j.fuzz.JsonHeaderMutations;
import org.resnet4j.fuzz.Mutation;
import org.resnet4j.fuzz.Outcome;

/**
 * Fuzzes the weight readers as the command line uses them, on the seed corpora {@code fuzz/modelfile},
 * {@code fuzz/torchvision} and {@code fuzz/keras_h5} and their mutants: every input loads or is refused with a
 * {@link WeightFileException} naming the file, in bounded time and memory. {@code -Dfuzz.seconds=N} fuzzes each for
 * N seconds instead (docs/reliability.md).
 */
class WeightReadersFuzzTest {

    private static List<Mutation> headerAndBytes() {
        List<Mutation> mutations = new ArrayList<>(JsonHeaderMutations.all());
        mutations.addAll(ByteMutations.all());
        return mutations;
    }

    private static void assertNoFindings(FuzzReport report, int seeds) {
        assertThat(report.findings()).as(report.summary()).isEmpty();
        assertThat(report.count(Outcome.ACCEPTED)).as(report.summary()).isGreaterThanOrEqualTo(seeds);
        assertThat(report.messages().size()).as(report.summary()).isGreaterThan(5);
    }

    @Test
    void modelFileLoad_mutatedFiles_loadOrThrowWeightFileExceptionNamingTheFile() {
        FuzzReport report = FuzzCampaign.of("modelfile", file -> ModelFiles.load(file))
                .corpusOnClassPath(WeightReadersFuzzTest.class)
                .mutations(headerAndBytes())
                .allowing(WeightFileException.class)
                .extension(".safetensors")
                .maxAllocatedBytes(64L * 1024 * 1024)
                .run();

        assertNoFindings(report, 1);
    }

    @Test
    void torchvisionImport_mutatedFiles_loadOrThrowWeightFileExceptionNamingTheFile() {
        FuzzReport report = FuzzCampaign.of("torchvision",
                        file -> WeightFiles.load(ParameterHolder.tinyKerasModel(), file, WeightFormat.TORCHVISION))
                .corpusOnClassPath(WeightReadersFuzzTest.class)
                .mutations(headerAndBytes())
                .allowing(WeightFileException.class)
                .extension(".safetensors")
                .maxAllocatedBytes(64L * 1024 * 1024)
                .run();

        assertNoFindings(report, 1);
    }

    @Test
    void kerasH5Import_mutatedFiles_loadOrThrowWeightFileExceptionNamingTheFile() {
        FuzzReport report = FuzzCampaign.of("keras_h5",
                        file -> KerasH5Weights.loadInto(ParameterHolder.tinyKerasModel(), file))
                .corpusOnClassPath(WeightReadersFuzzTest.class)
                .mutations(ByteMutations.all())
                .allowing(WeightFileException.class)
                .extension(".h5")
                .maxAllocatedBytes(64L * 1024 * 1024)
                .run();

        assertNoFindings(report, 2);
    }
}
