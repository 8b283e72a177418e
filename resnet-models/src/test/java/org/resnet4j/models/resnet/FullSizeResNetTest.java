package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.Shape;

/**
 * The full-size (224x224) networks of every depth, each built once per preset because building one fills
 * up to 60 million parameters: parameter counts against torchvision's published numbers, output shapes, and
 * multiply-accumulates against the paper's Table 1. No forward pass: everything comes from the graph.
 */
class FullSizeResNetTest {

    // torchvision: sum(p.numel() for p in model.parameters()), i.e. without the BN running statistics.
    // Paper Table 1 "FLOPs" are multiply-adds of the v1 networks: 1.8 / 3.6 / 3.8 / 7.6 / 11.3 x 10^9.
    @ParameterizedTest(name = "resnet{0}: {1} trainable, {2} GMACs")
    @CsvSource({"18, 11689512, 1.8", "34, 21797672, 3.6", "50, 25557032, 3.8", "101, 44549160, 7.6",
        "152, 60192808, 11.3"})
    void fullSizeNetworks_countsShapesAndMacs_matchPublishedNumbers(int depth, long torchvisionTrainable,
            double paperGmacs) {
        Model torch = ResNets.torchvision(depth);
        assertThat(torch.trainableParameterCount()).isEqualTo(torchvisionTrainable);
        assertThat(torch.outputs().get(0).shape()).isEqualTo(Shape.of(1000));
        assertThat(torch.outputs().get(0).layer().name()).as("torchvision returns logits").isEqualTo("predictions");
        long v15 = MacCounter.count(torch);
        torch = null;

        Model keras = ResNets.kerasApplications(depth);
        assertThat(keras.outputs().get(0).shape()).isEqualTo(Shape.of(1000));
        assertThat(keras.outputs().get(0).layer().name()).isEqualTo("predictions_softmax");
        long v1 = MacCounter.count(keras);
        assertThat(v1 / 1e9).isCloseTo(paperGmacs, withPercentage(3));
        if (depth < 50) {
            assertThat(v15).as("stride placement matters only in bottlenecks").isEqualTo(v1);
        } else {
            assertThat(v15).as("the stride on the 3x3 lets the 1x1 see 4x more cells").isGreaterThan(v1);
        }
        if (depth == 50) {
            assertKerasApplicationsResNet50(keras, v1, v15);
        }
    }

    private static void assertKerasApplicationsResNet50(Model keras, long v1, long v15) {
        assertThat(keras.parameterCount()).isEqualTo(25_636_712L);
        assertThat(keras.trainableParameterCount()).isEqualTo(25_583_592L);
        assertThat(keras.nonTrainableParameterCount()).isEqualTo(53_120L);
        assertThat(v1 / 1e9).isCloseTo(3.86, withPercentage(1));
        assertThat(v15 / 1e9).isCloseTo(4.09, withPercentage(1));
        assertThat(keras.layers()).extracting(l -> l.name()).contains("input_1", "conv1_pad", "conv1_conv", "conv1_bn",
                "conv1_relu", "pool1_pad", "pool1_pool", "conv2_block1_0_conv", "conv2_block1_0_bn",
                "conv2_block1_1_conv", "conv2_block1_1_bn", "conv2_block1_1_relu", "conv2_block1_2_conv",
                "conv2_block1_3_bn", "conv2_block1_add", "conv2_block1_out", "conv5_block3_out", "avg_pool",
                "predictions").doesNotContain("conv2_block2_0_conv");
    }
}
