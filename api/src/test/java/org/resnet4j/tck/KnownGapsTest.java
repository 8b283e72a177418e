package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The known-gaps file format, and the shipped file itself, which must stay readable and name real tests. */
class KnownGapsTest {

    @Test
    void parse_skipsCommentsAndBlankLines_andKeepsTheRestOfTheLineAsTheReason() {
        KnownGaps gaps = KnownGaps.parse("test", """
                # a comment

                nd4j   softmax_matchesReference   the softmax kernel  is not  written yet
                """);

        assertThat(gaps.gaps()).containsExactly(new KnownGaps.Gap("nd4j", "softmax_matchesReference",
                "the softmax kernel  is not  written yet", 3));
        assertThat(gaps.reason("nd4j", "softmax_matchesReference")).contains("the softmax kernel  is not  written yet");
        assertThat(gaps.reason("tf", "softmax_matchesReference")).isEmpty();
        assertThat(gaps.reason("nd4j", "relu_matchesReference")).isEmpty();
    }

    @Test
    void parse_lineWithoutReason_isAnErrorNamingTheLine() {
        assertThatThrownBy(() -> KnownGaps.parse("gaps.txt", "# header\njcuda relu_matchesReference\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gaps.txt line 2: expected \"backend contract-test reason\", received: "
                        + "\"jcuda relu_matchesReference\"");
    }

    @Test
    void parse_gapListedTwice_isAnError() {
        assertThatThrownBy(() -> KnownGaps.parse("gaps.txt", "tf add_matchesReference one\ntf add_matchesReference two"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("already listed on line 1");
    }

    @Test
    void requireContractTests_acceptsContractTests_andNamesEveryLineThatIsNot() {
        KnownGaps.parse("ok", "tf relu_matchesReference why").requireContractTests();

        KnownGaps rotten = KnownGaps.parse("gaps.txt",
                "tf relu_matchesReference why\ntf no_such_test why\njcuda conv2d_renamed why");
        assertThatThrownBy(rotten::requireContractTests).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2 names \"no_such_test\" (backend tf)")
                .hasMessageContaining("line 3 names \"conv2d_renamed\" (backend jcuda)")
                .hasMessageNotContaining("line 1");
    }

    @Test
    void contractTestNames_areTheTestsOfEveryFocusedContract() {
        assertThat(KnownGaps.contractTestNames()).contains("conv2d_3x3_stride1_valid_matchesReference",
                "batchNorm_epsilon1e5_nonTrivialStatistics_matchesReference", "globalAvgPool_matchesReference",
                "reshape_flatten_keepsRowMajorOrder", "dropout_isIdentityAtInference", "stem_matchesTorchvisionGolden",
                "results_areFreshHandles_closingAResultKeepsInputsUsable",
                "compiledModel_predictFromSeveralThreads_matchesTheModelOnReferenceOps");
    }

    @Test
    void shippedFile_isReadable_andNamesOnlyContractTests() {
        KnownGaps shipped = KnownGaps.load(KnownGaps.SHIPPED);

        shipped.requireContractTests();
        assertThat(shipped.source()).isEqualTo(KnownGaps.SHIPPED);
    }

    @Test
    void load_missingFile_isAnError() {
        assertThatThrownBy(() -> KnownGaps.load("org/resnet4j/tck/no-such-gaps.txt"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-gaps.txt");
    }
}
