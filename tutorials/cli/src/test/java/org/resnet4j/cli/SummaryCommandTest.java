package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code resnet4j summary}: the summary, the counts and the multiply-accumulates, checked against published figures
 * (torchvision's model documentation, Keras' summary of ResNet50, the paper's Table 6, the blog's printout).
 */
class SummaryCommandTest {
    private static final Pattern COUNTS = Pattern.compile(
            "Parameters: ([\\d,]+) \\(trainable ([\\d,]+), non-trainable ([\\d,]+)\\)");

    @Test
    void resnet50_torchvision_hasTorchvisionsParameterCount_and4point09GMACs() throws Exception {
        Cli.Result r = Cli.run("summary", "resnet50");

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).startsWith("Model: \"resnet50\"").contains("conv2_block1_1_conv (Conv2D)");
        assertThat(trainable(r.out())).isEqualTo(25_557_032L);
        assertThat(r.out()).contains("Multiply-accumulates: 4.09 GMACs per 224x224 image");
    }

    @Test
    void resnet18_has1point81GMACs() throws Exception {
        Cli.Result r = Cli.run("summary", "ResNet18");

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(trainable(r.out())).isEqualTo(11_689_512L);
        assertThat(r.out()).contains("1.81 GMACs per 224x224 image");
    }

    @Test
    void kerasVariant_matchesKerasSummaryOfResNet50() throws Exception {
        Cli.Result r = Cli.run("summary", "resnet50", "--variant", "keras");

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).contains("Total params: 25,636,712").contains("Trainable params: 25,583,592")
                .contains("Non-trainable params: 53,120").contains("conv1_pad (ZeroPadding2D)");
    }

    @Test
    void kerasSeedVariant_matchesTheOriginalKerasResNet50() throws Exception {
        Cli.Result r = Cli.run("summary", "resnet50", "--variant", "keras-seed");

        assertThat(r.exitCode()).as(r.both()).isZero();
        // The original Keras ResNet50 summary: 25,636,712 parameters; its unpadded max pool gives 55x55.
        assertThat(r.out()).contains("Total params: 25,636,712").contains("(None, 55, 55, 64)");
    }

    @Test
    void blogResNet18_matchesTheBlogsPrintout() throws Exception {
        Cli.Result r = Cli.run("summary", "blog-resnet18");

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).contains("Total params: 11,708,328").contains("Non-trainable params: 9,728");
    }

    @Test
    void cifarResNet56_hasThePapers0point85MillionParameters() throws Exception {
        Cli.Result r = Cli.run("summary", "cifar-resnet56");

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(Math.round(trainable(r.out()) / 1e4) / 100.0).isEqualTo(0.85);
        assertThat(r.out()).contains("per 32x32 image");
    }

    @Test
    void input_changesTheImageSize() throws Exception {
        Cli.Result r = Cli.run("summary", "resnet18", "--input", "64");

        assertThat(r.exitCode()).as(r.both()).isZero();
        // 64 / 2 (conv1) / 2 (pool) = 16 rows after the stem; 64 / 32 = 2 after the last stage.
        assertThat(r.out()).contains("[(None, 64, 64, 3)]").contains("pool1_pool (MaxPooling2D)       (None, 16, 16, 64)")
                .contains("conv5_block2_out (Activation)   (None, 2, 2, 512)").contains("per 64x64 image");
    }

    @Test
    void unknownModel_exits2_listingTheValidNames_withoutAStackTrace() throws Exception {
        Cli.Result r = Cli.run("summary", "resnet51");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).startsWith("Unknown model \"resnet51\"")
                .contains("resnet{18,34,50,101,152}").contains("cifar-resnet{20,32,44,56,110,1202}")
                .contains("blog-resnet");
        assertThat(r.err()).contains("Usage: resnet4j summary").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingModel_exits2() throws Exception {
        Cli.Result r = Cli.run("summary");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).contains("MODEL");
    }

    @Test
    void unknownVariant_exits2_namingTheValidOnes() throws Exception {
        Cli.Result r = Cli.run("summary", "resnet50", "--variant", "pytorch");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).contains("torchvision, keras, blog").contains("pytorch");
    }

    private static long trainable(String out) {
        Matcher m = COUNTS.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(2).replace(",", ""));
    }
}
