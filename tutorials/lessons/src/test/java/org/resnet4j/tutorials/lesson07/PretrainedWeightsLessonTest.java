package org.resnet4j.tutorials.lesson07;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.models.imagenet.ImageNetClasses;
import org.resnet4j.tutorials.ConsoleCapture;

/** Runs lesson 7 without arguments, then with the files it made as arguments, and checks what both print. */
class PretrainedWeightsLessonTest {
    private static final Pattern TOP = Pattern.compile("  (\\d)\\. (\\d+) +(n\\d{8}) (.+?) +(\\d\\.\\d{4})\n");
    private static String out;

    @BeforeAll
    static void runLesson() throws Exception {
        out = ConsoleCapture.stdout(() -> PretrainedWeightsLesson.main(new String[0]));
    }

    @Test
    void weightFile_hasTorchvisionsResNet18Names_shapesAndCount() {
        // torchvision's resnet18: 11,689,512 parameters; its state_dict has 20 conv weights (no bias), 20 BatchNorms
        // of 5 tensors (weight, bias, running_mean, running_var, num_batches_tracked) and fc's weight and bias.
        int entries = 20 + 20 * 5 + 2;
        assertThat(out).contains("11,689,512 trainable parameters").contains(": " + entries + " tensors, 46.8 MB")
                .contains("conv1.weight                   [64, 3, 7, 7]")
                .contains("layer2.0.conv1.weight          [128, 64, 3, 3]")
                .contains("layer2.0.downsample.0.weight   [128, 64, 1, 1]")
                .contains("fc.weight                      [1000, 512]");
    }

    @Test
    void loading_recognisesResNet18_copiesEveryTensor_andRefusesResNet34() {
        assertThat(out).contains("recognised from the tensor names: resnet18, basic blocks [2, 2, 2, 2], 1000 classes")
                // 20 conv kernels + 20 BatchNorms of 4 tensors + fc's kernel and bias; 20 counters skipped.
                .contains("bit for bit: 0 of 102 in a fresh model, 102 of 102 after loading (20 num_batches_tracked"
                        + " skipped)")
                // ResNet-34 has a third block in conv2_x that ResNet-18's file cannot fill.
                .contains("The torchvision state_dict does not match the model: missing conv2_block3_1_bn/beta");
    }

    @Test
    void preprocessing_resizesCropsAndNormalisesTheCentrePixel() {
        // Shorter side 240 -> 256, longer 320 * 256 / 240 = 341.3 -> 341.
        assertThat(out).contains("(320x240); resizeShorterSide(256) -> 341x256; centerCrop(224) -> 224x224")
                .contains("network input: [1, 224, 224, 3] (NHWC)");
        Matcher m = Pattern.compile("centre pixel RGB \\((\\d+), (\\d+), (\\d+)\\) -> TORCH \\((\\S+), (\\S+), (\\S+)\\)"
                + "   CAFFE \\((\\S+), (\\S+), (\\S+)\\)").matcher(out);
        assertThat(m.find()).isTrue();
        double r = Double.parseDouble(m.group(1));
        double g = Double.parseDouble(m.group(2));
        double b = Double.parseDouble(m.group(3));
        assertThat(new double[] {r, g, b}).containsExactly(178, 34, 34); // the barn covers the centre
        double[] torch = {(r / 255 - 0.485) / 0.229, (g / 255 - 0.456) / 0.224, (b / 255 - 0.406) / 0.225};
        double[] caffe = {b - 103.939, g - 116.779, r - 123.68};
        for (int c = 0; c < 3; c++) {
            assertThat(Double.parseDouble(m.group(4 + c))).isCloseTo(torch[c], within(1e-4));
            assertThat(Double.parseDouble(m.group(7 + c))).isCloseTo(caffe[c], within(1e-4));
        }
    }

    @Test
    void classification_printsFiveImageNetClassesInOrder_andSaysTheyMeanNothing() {
        List<String[]> top = topFive(out);
        assertThat(top).hasSize(5);
        double previous = 1.0;
        for (String[] row : top) {
            int index = Integer.parseInt(row[1]);
            assertThat(row[2]).isEqualTo(ImageNetClasses.wnid(index));
            assertThat(row[3]).isEqualTo(ImageNetClasses.name(index));
            double p = Double.parseDouble(row[4]);
            assertThat(p).isBetween(0.0, previous);
            previous = p;
        }
        assertThat(out).contains("These weights are random, so the classes above mean nothing");
    }

    @Test
    void withArguments_theFilesItMadeClassifyTheSameWay() throws Exception {
        String weights = group("wrote (\\S+\\.safetensors): ");
        String picture = group("drew (\\S+\\.png) ");
        String real = ConsoleCapture.stdout(() -> PretrainedWeightsLesson.main(new String[] {weights, picture}));

        assertThat(real).startsWith("resnet18 on ");
        assertThat(topFive(real)).usingRecursiveComparison().isEqualTo(topFive(out));
    }

    @Test
    void badArguments_areRefusedWithTheUsage_orTheExpectedExtension() {
        assertThatThrownBy(() -> PretrainedWeightsLesson.main(new String[] {"only-one"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage: PretrainedWeightsLesson");
        assertThatThrownBy(() -> PretrainedWeightsLesson.main(new String[] {"resnet50.pth", "cat.jpg"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resnet50.pth")
                .hasMessageContaining(".safetensors").hasMessageContaining(".h5");
    }

    private static List<String[]> topFive(String text) {
        Matcher m = TOP.matcher(text);
        List<String[]> rows = new ArrayList<>();
        while (m.find()) {
            rows.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)});
        }
        return rows;
    }

    private static String group(String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
