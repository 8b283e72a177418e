package org.resnet4j.models.imagenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.resnet4j.fuzz.ByteMutations;
import org.resnet4j.fuzz.FuzzCampaign;
import org.resnet4j.fuzz.FuzzReport;
import org.resnet4j.fuzz.Outcome;

/**
 * Fuzzes image reading as {@code resnet4j predict} does it ({@link Preprocessing#load}: read, resize the shorter side
 * to 256, crop 224, with a pixel limit) on the seed corpus {@code fuzz/image} (PNG, JPEG, BMP, GIF) and its mutants: every input becomes
 * a tensor or is refused with an {@link IllegalArgumentException} or {@link UncheckedIOException} naming the file,
 * in bounded time and memory. {@code -Dfuzz.seconds=N} fuzzes for N seconds instead (docs/reliability.md).
 */
class ImageReadingFuzzTest {
    /**
     * A smaller pixel limit than the command line's, so that each input stays under the allocation limit below: the
     * decoders allocate the whole raster from the header's size before they find the data missing.
     */
    private static final long FUZZ_MAX_PIXELS = 1 << 20;

    @Test
    void predictImageLoading_mutatedImages_giveATensorOrATypedErrorNamingTheFile() {
        FuzzReport report = FuzzCampaign.of("image", file -> Preprocessing.TORCH.load(file, 256, 224, FUZZ_MAX_PIXELS))
                .corpusOnClassPath(ImageReadingFuzzTest.class)
                .mutations(ByteMutations.all())
                .allowing(IllegalArgumentException.class, UncheckedIOException.class)
                .extension(".img")
                .maxAllocatedBytes(64L * 1024 * 1024)
                .run();

        assertThat(report.findings()).as(report.summary()).isEmpty();
        assertThat(report.count(Outcome.ACCEPTED)).as(report.summary()).isGreaterThanOrEqualTo(6);
        assertThat(report.messages().size()).as(report.summary()).isGreaterThan(3);
    }
}
