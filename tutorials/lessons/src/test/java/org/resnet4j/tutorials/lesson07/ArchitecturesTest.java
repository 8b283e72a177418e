package org.resnet4j.tutorials.lesson07;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.resnet4j.models.io.KerasH5Weights;
import org.resnet4j.models.io.WeightFileException;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tensor.Shape;

/**
 * The Keras ResNet-50s the lesson loads .h5 files into, against docs/weights.md and against the layout of the original
 * Keras file (resnet-models' test skeleton of resnet50_weights_tf_dim_ordering_tf_kernels.h5: every layer and weight
 * name of the original, one float per tensor).
 */
class ArchitecturesTest {
    // Relative to this module's directory, tutorials/lessons, where the build runs its tests.
    private static final Path SKELETON = Path.of("..", "..", "resnet-models", "src", "test", "resources", "org",
            "resnet4j", "models", "io", "resnet50_caffe_names_skeleton.h5");

    @Test
    void kerasSeed_isTheOriginalKerasResNet50_asDocsWeightsDescribesIt() {
        Model model = ResNet.build(Architectures.kerasSeed().withBaseWidth(8));

        // ZeroPadding2D(3), 7x7/2 VALID conv with bias, BatchNorm epsilon 1e-3, an unpadded 3x3/2 max pool: 55x55.
        assertThat(((Conv2D) model.layer("conv1_conv")).useBias()).isTrue();
        assertThat(((BatchNormalization) model.layer("conv1_bn")).epsilon()).isEqualTo(1e-3);
        assertThat(model.layers()).extracting(l -> l.name()).doesNotContain("pool1_pad");
        assertThat(node(model, "pool1_pool").shape()).isEqualTo(Shape.of(55, 55, 8));
        // The stride on the first 1x1 of a downsampling bottleneck ("v1").
        assertThat(((Conv2D) model.layer("conv3_block1_1_conv")).strideHeight()).isEqualTo(2);
        assertThat(((Conv2D) model.layer("conv3_block1_2_conv")).strideHeight()).isEqualTo(1);
    }

    @Test
    void kerasApplications_padsThePool_andUsesEpsilon1point001e5() {
        Model model = ResNet.build(Architectures.kerasApplications().withBaseWidth(8));

        assertThat(((BatchNormalization) model.layer("conv1_bn")).epsilon()).isEqualTo(1.001e-5);
        assertThat(node(model, "pool1_pool").shape()).isEqualTo(Shape.of(56, 56, 8));
    }

    @Test
    void kerasSeed_hasExactlyTheTensorNamesOfTheOriginalFile() {
        assertThat(Files.exists(SKELETON)).as(SKELETON.toAbsolutePath().toString()).isTrue();
        Model model = ResNet.build(Architectures.kerasSeed().withBaseWidth(8));

        assertThat(model.parameters().names()).containsExactlyInAnyOrderElementsOf(
                KerasH5Weights.describe(SKELETON).keySet());
    }

    @Test
    void withAnH5Argument_theLessonLoadsIntoTheSeedNetwork_andOnlyTheSkeletonsShapesDiffer() {
        assertThatThrownBy(() -> PretrainedWeightsLesson.main(new String[] {SKELETON.toString(), "unused.jpg"}))
                .isInstanceOf(WeightFileException.class).hasMessageContaining("does not match the model")
                .hasMessageContaining("tensor conv1_conv/kernel has shape=")
                .hasMessageNotContaining("missing tensor").hasMessageNotContaining("unexpected tensor");
        assertThatThrownBy(() -> PretrainedWeightsLesson.main(new String[] {SKELETON.toString(), "unused.jpg",
            "keras-3"})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"keras-3\"");
    }

    private static Node node(Model model, String layer) {
        return model.nodes().stream().filter(n -> n.layer().name().equals(layer)).findFirst().orElseThrow();
    }
}
