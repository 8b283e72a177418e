package org.resnet4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnet4j.io.Safetensors;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The exporter undoes the importer: on state dicts PyTorch wrote (the training goldens' weights, torchvision's own
 * names), on every parameter name of every depth, and on layouts small enough to check by hand.
 */
class TorchvisionExporterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"tiny_resnet18", "tiny_resnet50"})
    void pyTorchStateDict_importedThenExported_isTheSameStateDict(String golden) throws IOException {
        SafetensorsFile file = golden(golden + ".weights.safetensors");
        Map<String, HostTensor> stateDict = file.floatTensors();

        Map<String, HostTensor> ours = TorchvisionImporter.convert(stateDict, TorchvisionNames.network());
        Map<String, HostTensor> back = TorchvisionExporter.convert(ours);

        assertThat(back.keySet()).containsExactlyElementsOf(stateDict.keySet());
        stateDict.forEach((name, expected) -> {
            assertThat(back.get(name).shape()).as(name).isEqualTo(expected.shape());
            assertThat(back.get(name).data()).as(name).containsExactly(expected.data());
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {18, 34, 50, 101, 152})
    void everyParameterName_ofATorchvisionResNet_comesBackFromItsTorchvisionName(int depth) {
        Model model = ResNets.torchvision(depth);
        for (String name : model.parameters().names()) {
            Shape unit = ones(model.parameters().shape(name).rank());
            String torchName = TorchvisionExporter.torchName(name);

            Map<String, HostTensor> imported = TorchvisionImporter.convert(Map.of(torchName, HostTensor.zeros(unit)),
                    TorchvisionNames.network());

            assertThat(imported.keySet()).as(torchName).containsExactly(name);
        }
    }

    @Test
    void seededTinyResNet50_exportedThenImported_isUnchanged() {
        Model model = ResNet.build(ResNets.torchvisionConfig(50).withBaseWidth(4).withClasses(10)
                .withInputSize(64, 64));
        Map<String, HostTensor> ours = new LinkedHashMap<>(model.parameters().asMap());

        Map<String, HostTensor> again = TorchvisionImporter.convert(TorchvisionExporter.convert(ours),
                TorchvisionNames.network());

        assertThat(again.keySet()).containsExactlyElementsOf(ours.keySet());
        ours.forEach((name, expected) -> {
            assertThat(again.get(name).shape()).as(name).isEqualTo(expected.shape());
            assertThat(again.get(name).data()).as(name).containsExactly(expected.data());
        });
    }

    @Test
    void convKernel_hwioBecomesOihw() {
        // HWIO [kh=1, kw=2, in=1, out=2]: element (0, w, 0, o) = 10 * o + w
        HostTensor hwio = HostTensor.of(Shape.of(1, 2, 1, 2), new float[] {0, 10, 1, 11});

        HostTensor oihw = TorchvisionExporter.convert(Map.of("conv1_conv/kernel", hwio)).get("conv1.weight");

        assertThat(oihw.shape()).isEqualTo(Shape.of(2, 1, 1, 2));
        // OIHW element (o, 0, 0, w) must be 10 * o + w.
        assertThat(oihw.data()).containsExactly(0, 1, 10, 11);
    }

    @Test
    void denseKernel_isTransposed_andBatchNormAndShortcutRenamed() {
        Map<String, HostTensor> ours = new LinkedHashMap<>();
        ours.put("predictions/kernel", HostTensor.of(Shape.of(3, 2), new float[] {1, 4, 2, 5, 3, 6}));
        ours.put("conv3_block1_0_bn/moving_variance", HostTensor.of(Shape.of(1), new float[] {7}));
        ours.put("conv3_block1_0_conv/kernel", HostTensor.zeros(Shape.of(1, 1, 1, 1)));
        ours.put("conv4_block6_3_bn/gamma", HostTensor.zeros(Shape.of(1)));

        Map<String, HostTensor> dict = TorchvisionExporter.convert(ours);

        assertThat(dict.keySet()).containsExactly("fc.weight", "layer2.0.downsample.1.running_var",
                "layer2.0.downsample.0.weight", "layer3.5.bn3.weight");
        assertThat(dict.get("fc.weight").shape()).isEqualTo(Shape.of(2, 3));
        assertThat(dict.get("fc.weight").data()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void parameterThatTorchvisionDoesNotHave_isRejectedByName() {
        assertThatThrownBy(() -> TorchvisionExporter.torchName("avg_pool/kernel"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"avg_pool/kernel\"");
        assertThatThrownBy(() -> TorchvisionExporter.torchName("conv1_bn/kernel"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no parameter \"kernel\"");
        assertThatThrownBy(() -> TorchvisionExporter.torchName("conv1_block1_1_conv/kernel"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conv1_block1_1_conv");
        assertThat(TorchvisionNames.module("conv02_block1_1_conv")).isNull();
    }

    private static Shape ones(int rank) {
        int[] dims = new int[rank];
        java.util.Arrays.fill(dims, 1);
        return Shape.of(dims);
    }

    private SafetensorsFile golden(String fileName) throws IOException {
        Path copy = dir.resolve(fileName);
        try (InputStream in = getClass().getResourceAsStream("/org/resnet4j/models/resnet/gradients/" + fileName)) {
            assertThat(in).as("golden " + fileName + " on the test classpath").isNotNull();
            Files.copy(in, copy);
        }
        return Safetensors.read(copy);
    }
}
