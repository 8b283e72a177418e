package org.resnet4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** The torchvision name and layout mapping, on tensors small enough to check by hand. */
class TorchvisionImporterTest {

    @Test
    void networkNames_mapToKerasApplicationsNames() {
        var names = TorchvisionNames.network();

        assertThat(names.apply("conv1")).isEqualTo("conv1_conv");
        assertThat(names.apply("bn1")).isEqualTo("conv1_bn");
        assertThat(names.apply("layer1.0.conv2")).isEqualTo("conv2_block1_2_conv");
        assertThat(names.apply("layer3.5.bn3")).isEqualTo("conv4_block6_3_bn");
        assertThat(names.apply("layer2.0.downsample.0")).isEqualTo("conv3_block1_0_conv");
        assertThat(names.apply("layer2.0.downsample.1")).isEqualTo("conv3_block1_0_bn");
        assertThat(names.apply("fc")).isEqualTo("predictions");
        assertThat(names.apply("avgpool")).isNull();
    }

    @Test
    void convKernel_oihwBecomesHwio() {
        // [out=2, in=1, kh=1, kw=2]: element (o, 0, 0, w) = 10 * o + w
        HostTensor oihw = HostTensor.of(Shape.of(2, 1, 1, 2), new float[] {0, 1, 10, 11});
        Map<String, HostTensor> dict = Map.of("conv1.weight", oihw);

        HostTensor hwio = TorchvisionImporter.convert(dict, TorchvisionNames.network()).get("conv1_conv/kernel");

        assertThat(hwio.shape()).isEqualTo(Shape.of(1, 2, 1, 2));
        // HWIO element (0, w, 0, o) must be 10 * o + w.
        assertThat(hwio.data()).containsExactly(0, 10, 1, 11);
    }

    @Test
    void fcWeight_isTransposed_andBatchNormRenamed_andCounterSkipped() {
        Map<String, HostTensor> dict = new LinkedHashMap<>();
        dict.put("fc.weight", HostTensor.of(Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 6}));
        dict.put("bn1.running_var", HostTensor.of(Shape.of(1), new float[] {7}));
        dict.put("bn1.num_batches_tracked", HostTensor.of(Shape.of(1), new float[] {0}));

        Map<String, HostTensor> ours = TorchvisionImporter.convert(dict, TorchvisionNames.network());

        assertThat(ours.keySet()).containsExactly("predictions/kernel", "conv1_bn/moving_variance");
        assertThat(ours.get("predictions/kernel").shape()).isEqualTo(Shape.of(3, 2));
        assertThat(ours.get("predictions/kernel").data()).containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void unknownModule_isRejectedByName() {
        Map<String, HostTensor> dict = Map.of("head.weight", HostTensor.zeros(Shape.of(1)));

        assertThatThrownBy(() -> TorchvisionImporter.convert(dict, TorchvisionNames.network()))
                .hasMessageContaining("head.weight");
    }
}
