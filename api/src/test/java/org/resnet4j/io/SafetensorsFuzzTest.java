package org.resnet4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * Fuzzes {@link Safetensors#read} (header JSON, dtypes, shapes, data offsets) on the seed corpus {@code fuzz/safetensors}
 * and its mutants: every input is read or refused with an {@link IOException} naming the file, in bounded time and
 * memory. {@code -Dfuzz.seconds=N} fuzzes for N seconds instead (docs/reliability.md).
 */
class SafetensorsFuzzTest {

    @Test
    void read_mutatedFiles_returnsOrThrowsIOExceptionNamingTheFile_neverCrashesHangsOrOverAllocates() {
        List<Mutation> mutations = new ArrayList<>(JsonHeaderMutations.all());
        mutations.addAll(ByteMutations.all());

        FuzzReport report = FuzzCampaign.of("safetensors", Safetensors::read)
                .corpusOnClassPath(SafetensorsFuzzTest.class)
                .mutations(mutations)
                .allowing(IOException.class)
                .extension(".safetensors")
                .maxAllocatedBytes(64L * 1024 * 1024)
                .run();

        assertThat(report.findings()).as(report.summary()).isEmpty();
        // The corpus must be read, and mutants must reach more than one check, or the campaign proves little.
        assertThat(report.count(Outcome.ACCEPTED)).isGreaterThanOrEqualTo(3);
        assertThat(report.messages().size()).isGreaterThan(10);
    }
}
