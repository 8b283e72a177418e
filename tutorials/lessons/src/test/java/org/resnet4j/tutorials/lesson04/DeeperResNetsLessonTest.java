package org.resnet4j.tutorials.lesson04;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.tutorials.ConsoleCapture;

/**
 * Lesson 4 prints Table 1, every depth's parameter count against torchvision's and the v1 / v1.5 comparison. The
 * expected values are the paper's table, torchvision's published counts and the multiply-add formula
 * {@code oh * ow * kh * kw * cin * cout}; the lesson builds five full-size networks, so it runs once.
 */
class DeeperResNetsLessonTest {
    private static String printed;

    @BeforeAll
    static void runLesson() throws Exception {
        printed = ConsoleCapture.stdout(() -> DeeperResNetsLesson.main(new String[0]));
    }

    @Test
    void table1_blocksPerStage_andDepths() {
        assertThat(printed).containsPattern("18 +basic +2 +2 +2 +2 +1 \\+ 2 x 8 \\+ 1 = 18\n")
                .containsPattern("34 +basic +3 +4 +6 +3 +1 \\+ 2 x 16 \\+ 1 = 34\n")
                .containsPattern("50 +bottleneck +3 +4 +6 +3 +1 \\+ 3 x 16 \\+ 1 = 50\n")
                .containsPattern("101 +bottleneck +3 +4 +23 +3 +1 \\+ 3 x 33 \\+ 1 = 101\n")
                .containsPattern("152 +bottleneck +3 +8 +36 +3 +1 \\+ 3 x 50 \\+ 1 = 152\n");
    }

    @Test
    void everyDepth_hasTorchvisionsPublishedParameterCount() {
        // torchvision's documentation: resnet18 .. resnet152, sum of parameters().
        assertThat(printed).containsPattern("\n18 +11,689,512 +11,689,512 +yes +\\[7, 7, 512\\] +1\\.81 +1\\.8\n")
                .containsPattern("\n34 +21,797,672 +21,797,672 +yes +\\[7, 7, 512\\] +3\\.66 +3\\.6\n")
                .containsPattern("\n50 +25,557,032 +25,557,032 +yes +\\[7, 7, 2048\\] +4\\.09 +3\\.8\n")
                .containsPattern("\n101 +44,549,160 +44,549,160 +yes +\\[7, 7, 2048\\] +7\\.80 +7\\.6\n")
                .containsPattern("\n152 +60,192,808 +60,192,808 +yes +\\[7, 7, 2048\\] +11\\.51 +11\\.3\n")
                .doesNotContain(" NO ");
    }

    @Test
    void strideOnThe3x3_makesTheFirst1x1SeeFourTimesTheCells() {
        long v1 = 28L * 28 * 256 * 128;
        long v15 = 56L * 56 * 256 * 128;
        long conv3x3 = 28L * 28 * 3 * 3 * 128 * 128;
        long projection = 28L * 28 * 256 * 512;

        assertThat(printed).containsPattern("conv3_block1_1_conv +\\[28, 28, 128\\] +" + n(v1) + " +\\[56, 56, 128\\] +"
                        + n(v15) + "\n")
                .containsPattern("conv3_block1_2_conv +\\[28, 28, 128\\] +" + n(conv3x3) + " +\\[28, 28, 128\\] +"
                        + n(conv3x3) + "\n")
                .containsPattern("conv3_block1_0_conv +\\[28, 28, 512\\] +" + n(projection) + " +\\[28, 28, 512\\] +"
                        + n(projection) + "\n")
                .containsPattern("conv3_block1_out +\\[28, 28, 512\\] +\\[28, 28, 512\\]\n")
                .contains("block outputs (*_out) with equal shapes: 16 of 16; network outputs [1000] and [1000]")
                .contains("  conv4_block1_1_conv, conv4_block1_1_bn, conv4_block1_1_relu\n")
                .contains("parameters: v1 25,557,032, v1.5 25,557,032");
    }

    @Test
    void v15_costsThreeTimes77Million_moreMultiplyAdds() {
        // In each of conv3_block1, conv4_block1, conv5_block1 the first 1x1 runs on (2h)^2 instead of h^2 cells.
        long perBlock = (56L * 56 - 28 * 28) * 256 * 128;
        assertThat((28L * 28 - 14 * 14) * 512 * 256).isEqualTo(perBlock);
        assertThat((14L * 14 - 7 * 7) * 1024 * 512).isEqualTo(perBlock);

        String more = ": " + n(perBlock) + " more in v1.5\n";
        assertThat(printed).contains("layers whose multiply-adds differ (3):\n  conv3_block1_1_conv" + more
                        + "  conv4_block1_1_conv" + more + "  conv5_block1_1_conv" + more)
                .containsPattern("multiply-adds: v1 [\\d,]+ \\(3\\.86 G\\), v1\\.5 [\\d,]+ \\(4\\.09 G\\), difference "
                        + n(3 * perBlock) + "\n")
                // The paper's Table 1 gives 7.6 and 11.3 x 10^9 for the v1 networks.
                .contains("so ResNet-101 and 152 in v1: 7.57 G and 11.28 G");
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
