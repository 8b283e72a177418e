package org.resnet4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Padding;

/** {@link Model#summary()} reproduces the text Keras 2.x prints, character for character. */
class ModelSummaryTest {

    /**
     * The ResNet-18 of the seed blog post (shared/seeds/002_22a77ad94633b657.txt, section 3-1-5), written with
     * this API exactly as its Keras code is written: Conv-BN-ReLU units, blocks "a" (identity shortcut) and "b"
     * (a strided Conv-BN-ReLU with a 1x1 kernel as shortcut).
     */
    static Model blogResNet18() {
        Node input = Input.of(224, 224, 3);
        Node x = convBnRelu(64, 7, 1, input);
        x = MaxPooling2D.of(3, 2).withPadding(Padding.SAME).apply(x);
        for (int filters : new int[] {64, 128, 256, 512}) {
            x = residualBlock(x, filters, 'b');
            x = residualBlock(x, filters, 'a');
        }
        x = GlobalAveragePooling2D.of().apply(x);
        x = Flatten.of().apply(x);
        x = Dense.of(1000).apply(x);
        x = Dropout.of(0.5).apply(x);
        Node y = Softmax.of().apply(x);
        return Model.of("model", input, y);
    }

    private static Node convBnRelu(int filters, int kernel, int strides, Node in) {
        Node x = Conv2D.of(filters, kernel).withStrides(strides).withPadding(Padding.SAME).apply(in);
        x = BatchNormalization.of().apply(x);
        return Activation.of("relu").apply(x);
    }

    private static Node residualBlock(Node in, int filters, char flag) {
        if (flag == 'a') {
            Node x = convBnRelu(filters, 3, 1, in);
            x = convBnRelu(filters, 3, 1, x);
            return Add.of().apply(x, in);
        }
        Node x = convBnRelu(filters, 3, 2, in);
        x = convBnRelu(filters, 3, 1, x);
        Node shortcut = convBnRelu(filters, 1, 2, in);
        return Add.of().apply(x, shortcut);
    }

    /**
     * The expected text is the printout of real Keras in the seed post (lines 396-567 of
     * shared/seeds/002_22a77ad94633b657.txt), copied verbatim, trailing spaces included, into a test resource.
     * It covers Keras' layer order (the shortcut conv2d_3 right after conv2d_2), truncated type names, the
     * InputLayer's list-shaped output, two-row Add connections and the thousands separators.
     */
    @Test
    void blogResNet18_summary_equalsKerasPrintout() throws IOException {
        String expected;
        try (InputStream in = ModelSummaryTest.class.getResourceAsStream("keras-resnet18-blog-summary.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String actual = blogResNet18().summary();
        assertThat(actual.lines().toList()).containsExactlyElementsOf(expected.lines().toList());
        assertThat(actual).isEqualTo(expected);
    }

    /**
     * A small graph whose whole summary was written out by hand from Keras' print_row rule: column ends 32, 53,
     * 65 and 98; each cell starts right after the previous column's end and is cut one character before its own.
     * Keras orders by depth, so the 1x1 shortcut conv2d_1 follows conv2d although it is created after it.
     */
    @Test
    void smallGraph_wholeSummary_derivedByHand() {
        Node x = Input.of(8, 8, 3);
        Node main = Conv2D.of(4, 3).withPadding(Padding.SAME).apply(x);
        Node shortcut = Conv2D.of(4, 1).withoutBias().apply(x);
        Node y = Add.of().apply(main, shortcut);
        y = BatchNormalization.of().apply(y);
        y = GlobalAveragePooling2D.of().apply(y);
        y = Dense.of(300).apply(y);
        Model model = Model.of("tiny", x, y);

        // Params: conv2d 3*3*3*4 + 4 = 112; conv2d_1 3*4 = 12; BN 4*4 = 16 (8 moving); dense 4*300 + 300 = 1500.
        String expected = String.join("\n", List.of(
                "Model: \"tiny\"",
                "__________________________________________________________________________________________________",
                "Layer (type)                    Output Shape         Param #     Connected to                     ",
                "==================================================================================================",
                "input_1 (InputLayer)            [(None, 8, 8, 3)]    0                                            ",
                "__________________________________________________________________________________________________",
                "conv2d (Conv2D)                 (None, 8, 8, 4)      112         input_1[0][0]                    ",
                "__________________________________________________________________________________________________",
                "conv2d_1 (Conv2D)               (None, 8, 8, 4)      12          input_1[0][0]                    ",
                "__________________________________________________________________________________________________",
                "add (Add)                       (None, 8, 8, 4)      0           conv2d[0][0]                     ",
                "                                                                 conv2d_1[0][0]                   ",
                "__________________________________________________________________________________________________",
                "batch_normalization (BatchNorma (None, 8, 8, 4)      16          add[0][0]                        ",
                "__________________________________________________________________________________________________",
                "global_average_pooling2d (Globa (None, 4)            0           batch_normalization[0][0]        ",
                "__________________________________________________________________________________________________",
                "dense (Dense)                   (None, 300)          1500        global_average_pooling2d[0][0]   ",
                "==================================================================================================",
                "Total params: 1,640",
                "Trainable params: 1,632",
                "Non-trainable params: 8",
                "__________________________________________________________________________________________________",
                ""));
        assertThat(model.summary()).isEqualTo(expected);
    }

    /**
     * A plain chain is what Keras calls sequential-like: three columns ending at 29, 55 and 65, no connections.
     * Written out by hand.
     */
    @Test
    void chain_usesKerasSequentialLayout_derivedByHand() {
        Node x = Input.of(6, 6, 2);
        Node y = ZeroPadding2D.of(1).apply(x);
        y = AveragePooling2D.of(2).apply(y);
        y = Flatten.of().apply(y);
        y = Dense.of(3).withoutBias().named("logits_with_a_very_long_name").apply(y);
        Model model = Model.of("chain", x, y);

        // (6 + 2) / 2 = 4, so Flatten gives 4 * 4 * 2 = 32 and the Dense kernel 32 * 3 = 96.
        String expected = String.join("\n", List.of(
                "Model: \"chain\"",
                "_________________________________________________________________",
                "Layer (type)                 Output Shape              Param #   ",
                "=================================================================",
                "input_1 (InputLayer)         [(None, 6, 6, 2)]         0         ",
                "_________________________________________________________________",
                "zero_padding2d (ZeroPadding2 (None, 8, 8, 2)           0         ",
                "_________________________________________________________________",
                "average_pooling2d (AveragePo (None, 4, 4, 2)           0         ",
                "_________________________________________________________________",
                "flatten (Flatten)            (None, 32)                0         ",
                "_________________________________________________________________",
                "logits_with_a_very_long_name (None, 3)                 96        ",
                "=================================================================",
                "Total params: 96",
                "Trainable params: 96",
                "Non-trainable params: 0",
                "_________________________________________________________________",
                ""));
        assertThat(model.summary()).isEqualTo(expected);
    }

    @Test
    void layerAppliedTwice_listsEveryConnection_andNumbersItsNodes() {
        Node a = Input.of(4);
        Dense shared = Dense.of(4).named("shared");
        Node h = shared.apply(a);
        Node h2 = shared.apply(h);
        Model model = Model.of("twice", a, Add.of().apply(h, h2));

        assertThat(model.summary().lines().toList()).contains(
                "shared (Dense)                  (None, 4)            20          input_1[0][0]                    ",
                "                                                                 shared[0][0]                     ",
                "add (Add)                       (None, 4)            0           shared[0][0]                     ",
                "                                                                 shared[1][0]                     ");
    }
}
