package org.resnet4j.tutorials.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.tutorials.ConsoleCapture;

/**
 * Lesson 3 prints ResNet-18's shapes and parameters stage by stage; the expected values come from the conv
 * arithmetic ({@code k * k * cin * cout}, 2 trainable BatchNorm values per channel, output size
 * {@code (in + 2p - k) / s + 1}), from the paper's Table 1 and from torchvision's published count.
 */
class ResNet18LessonTest {
    private static final long TORCHVISION_RESNET18 = 11_689_512L;
    private static String printed;

    @BeforeAll
    static void runLesson() throws Exception {
        printed = ConsoleCapture.stdout(() -> ResNet18Lesson.main(new String[0]));
    }

    private static long conv(int k, int cin, int cout) {
        return (long) k * k * cin * cout;
    }

    /** Trainable parameters of a basic stage of two blocks from {@code cin} to {@code c} channels. */
    private static long basicStage(int cin, int c) {
        long first = conv(3, cin, c) + conv(3, c, c) + 2 * 2L * c;
        long projection = cin == c ? 0 : conv(1, cin, c) + 2L * c;
        long second = 2 * conv(3, c, c) + 2 * 2L * c;
        return first + projection + second;
    }

    @Test
    void stages_haveTheShapesAndParametersOfTheArithmetic() {
        int afterConv1 = (224 + 2 * 3 - 7) / 2 + 1;
        int afterPool = (afterConv1 + 2 - 3) / 2 + 1;
        long stem = conv(7, 3, 64) + 2 * 64;
        long head = 512L * 1000 + 1000;

        assertThat(afterConv1).isEqualTo(112);
        assertThat(afterPool).isEqualTo(56);
        assertThat(printed).containsPattern(stageLine("stem: conv1 7x7/2, BN, ReLU", "[112, 112, 64]", stem))
                .containsPattern(stageLine("stem: pool1 3x3/2 max pool", "[56, 56, 64]", 0))
                .containsPattern(stageLine("conv2_x: blocks a, a", "[56, 56, 64]", basicStage(64, 64)))
                .containsPattern(stageLine("conv3_x: blocks b, a", "[28, 28, 128]", basicStage(64, 128)))
                .containsPattern(stageLine("conv4_x: blocks b, a", "[14, 14, 256]", basicStage(128, 256)))
                .containsPattern(stageLine("conv5_x: blocks b, a", "[7, 7, 512]", basicStage(256, 512)))
                .containsPattern(stageLine("head: global average pool", "[512]", 0))
                .containsPattern(stageLine("head: dense, 1000 classes", "[1000]", head));
        long total = stem + basicStage(64, 64) + basicStage(64, 128) + basicStage(128, 256) + basicStage(256, 512)
                + head;
        assertThat(total).as("the arithmetic reproduces torchvision's count").isEqualTo(TORCHVISION_RESNET18);
        assertThat(printed).containsPattern("total +" + n(TORCHVISION_RESNET18) + "\n");
    }

    @Test
    void summary_isPrinted_withKerasTotals() {
        // 4,800 BatchNorm channels: 64 (stem) + 4 * 64 + 5 * 128 + 5 * 256 + 5 * 512, two moving values each.
        long nonTrainable = 2L * (64 + 4 * 64 + 5 * 128 + 5 * 256 + 5 * 512);

        assertThat(printed).contains("Model: \"resnet18\"")
                .contains("conv1_conv (Conv2D)             (None, 112, 112, 64) 9408        input_1[0][0]")
                .contains("conv3_block1_0_conv (Conv2D)    (None, 28, 28, 128)  8192        conv2_block2_out[0][0]")
                .contains("predictions (Dense)             (None, 1000)         513000      avg_pool[0][0]")
                .contains("Total params: " + n(TORCHVISION_RESNET18 + nonTrainable) + "\n")
                .contains("Trainable params: " + n(TORCHVISION_RESNET18) + "\n")
                .contains("Non-trainable params: " + n(nonTrainable) + "\n");
    }

    @Test
    void multiplyAdds_perStage_andTheirTotal_matchThePaper() {
        long stem = 112L * 112 * conv(7, 3, 64);
        long conv2 = 56L * 56 * 4 * conv(3, 64, 64);
        long conv3 = 28L * 28 * (conv(3, 64, 128) + 3 * conv(3, 128, 128) + conv(1, 64, 128));
        long total = stem + conv2 + 3 * conv3 + 512L * 1000;

        assertThat(printed).containsPattern("stem: conv1 7x7/2, BN, ReLU +" + n(stem) + "\n")
                .containsPattern("conv2_x: blocks a, a +" + n(conv2) + "\n")
                // Halving the map and doubling the channels keeps the cost: conv3_x, conv4_x, conv5_x cost the same.
                .containsPattern("conv3_x: blocks b, a +" + n(conv3) + "\n")
                .containsPattern("conv4_x: blocks b, a +" + n(conv3) + "\n")
                .containsPattern("conv5_x: blocks b, a +" + n(conv3) + "\n")
                .containsPattern("total +" + n(total) + "\n");
        assertThat(total / 1e9).as("paper Table 1: 1.8 x 10^9").isBetween(1.75, 1.85);
    }

    @Test
    void comparison_withTorchvision_andWithTheLibrary() {
        assertThat(printed)
                .contains("trainable parameters: 11,689,512; torchvision's resnet18: 11,689,512; equal: true")
                .contains("ResNets.torchvision(18) has the same summary, line for line: true");
    }

    private static String stageLine(String label, String shape, long trainable) {
        return Pattern.quote(label) + " +" + Pattern.quote(shape) + " +" + n(trainable) + "\n";
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
