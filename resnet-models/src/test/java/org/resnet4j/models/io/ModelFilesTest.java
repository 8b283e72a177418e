package org.resnet4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnet4j.io.JsonParser;
import org.resnet4j.io.ModelDescription;
import org.resnet4j.io.Safetensors;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** The native file: what it holds, that every model comes back identical, and every kind of bad file. */
class ModelFilesTest {
    @TempDir
    Path dir;

    private static void assertIdentical(Model loaded, Model original) {
        assertThat(loaded.name()).isEqualTo(original.name());
        assertThat(loaded.layers()).extracting(Layer::name)
                .containsExactlyElementsOf(original.layers().stream().map(Layer::name).toList());
        assertThat(loaded.summary()).isEqualTo(original.summary());
        assertThat(loaded.parameters().names()).containsExactlyElementsOf(original.parameters().names());
        for (String name : original.parameters().names()) {
            assertThat(loaded.parameters().spec(name)).as(name).isEqualTo(original.parameters().spec(name));
            // Arrays.equals compares float bits; AssertJ's containsExactly is quadratic on large arrays.
            assertThat(java.util.Arrays.equals(loaded.parameters().get(name).data(),
                    original.parameters().get(name).data())).as("values of " + name).isTrue();
        }
    }

    @Test
    void everyTestModel_comesBackWithTheSameNamesSummaryAndBitIdenticalParameters() {
        for (Map.Entry<String, Supplier<Model>> e : SavedModels.runnable().entrySet()) {
            Model original = SavedModels.seeded(e.getValue().get(), 11);
            Path file = dir.resolve("m.safetensors");
            ModelFiles.save(original, file);
            assertIdentical(ModelFiles.load(file), original);
        }
    }

    @Test
    void blogResNet18_fullSize_comesBackIdentical() {
        Model original = ResNets.blogResNet18();
        Path file = dir.resolve("blog.safetensors");
        ModelFiles.save(original, file);

        Model loaded = ModelFiles.load(file);

        assertIdentical(loaded, original);
        assertThat(loaded.parameterCount()).isEqualTo(11_708_328L); // the blog's printout
    }

    @Test
    void layerNamesOutsideAscii_andQuotes_roundTrip() {
        Node in = Input.named("输入", 4);
        Node x = Dense.of(3).named("全连接层 \"一\"").apply(in);
        Model original = SavedModels.seeded(Model.of("学生的网络", in, x), 1);
        Path file = dir.resolve("中文.safetensors");
        ModelFiles.save(original, file);

        Model loaded = ModelFiles.load(file);

        assertIdentical(loaded, original);
        assertThat(loaded.parameters().names()).contains("全连接层 \"一\"/kernel");
    }

    @Test
    void file_isSafetensorsWithTheFormatTagVersionDescriptionAndEveryParameterUnderItsName() throws IOException {
        Model original = SavedModels.seeded(SavedModels.handBuilt(), 3);
        Path file = dir.resolve("student.safetensors");
        ModelFiles.save(original, file);

        SafetensorsFile read = Safetensors.read(file);

        assertThat(read.metadata()).containsEntry("format", "resnet4j").containsEntry("version", "1")
                .containsOnlyKeys("format", "version", "model");
        assertThat(JsonParser.parse(read.metadata().get("model")))
                .isEqualTo(JsonParser.parse(ModelDescription.toJson(original)));
        assertThat(read.names()).containsExactlyElementsOf(original.parameters().names());
        assertThat(read.names()).contains("shared_conv/kernel", "embedding/kernel");
        for (String name : read.names()) {
            assertThat(read.dtype(name)).isEqualTo("F32");
            assertThat(java.util.Arrays.equals(read.tensor(name).data(), original.parameters().get(name).data()))
                    .as("values of " + name).isTrue();
        }
        assertThat(dir.toFile().list()).as("no temporary file left behind").containsExactly("student.safetensors");
        assertThat(ModelFiles.describe(file)).contains("\"class_name\": \"Conv2D\"").contains("\"shared_conv\"");
    }

    @Test
    void save_replacesAnExistingFile() {
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(SavedModels.handBuilt(), file);
        Model other = ResNets.cifar(20, org.resnet4j.models.resnet.CifarShortcut.B_PROJECTION);
        ModelFiles.save(other, file);
        assertThat(ModelFiles.load(file).name()).isEqualTo(other.name());
    }

    @Test
    void save_layerTypeLoadingCouldNotRebuild_isRefusedBeforeWriting() {
        Node in = Input.of(4, 4, 3);
        Model model = Model.of("custom", in, ParameterHolder.conv("odd", 1, 1, 3, 2).apply(in));
        Path file = dir.resolve("custom.safetensors");

        assertThatThrownBy(() -> ModelFiles.save(model, file)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("layer \"odd\" has type ParameterHolder, which loading could not rebuild");
        assertThat(file).doesNotExist();
    }

    @Test
    void save_intoAMissingDirectory_namesTheFile() {
        Path file = dir.resolve("no/such/dir/m.safetensors");
        assertThatThrownBy(() -> ModelFiles.save(SavedModels.handBuilt(), file))
                .isInstanceOf(WeightFileException.class).hasMessageContaining(file.toString());
    }

    // ---- bad files -------------------------------------------------------------------------------------------

    /** A tiny model and the metadata and tensors of its file, for tampering. */
    private static Model tiny() {
        Node in = Input.named("in", 3);
        return Model.of("tiny", in, Dense.of(2).named("fc").apply(in));
    }

    private Path tampered(Map<String, String> metadata, Map<String, HostTensor> tensors) throws IOException {
        Path file = dir.resolve("tampered.safetensors");
        Safetensors.write(file, tensors, metadata);
        return file;
    }

    private static Map<String, String> metadata(Model model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "resnet4j");
        m.put("version", "1");
        m.put("model", ModelDescription.toJson(model));
        return m;
    }

    @Test
    void wrongOrMissingFormatTag_saysWhatTheMetadataSays() throws IOException {
        Map<String, String> meta = metadata(tiny());
        meta.put("format", "pt");
        Path pt = tampered(meta, tiny().parameters().asMap());
        assertThatThrownBy(() -> ModelFiles.load(pt)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("is not a ResNet4J model file: its safetensors metadata says format=\"pt\" "
                        + "(expected \"resnet4j\"");

        Path none = tampered(Map.of(), tiny().parameters().asMap());
        assertThatThrownBy(() -> ModelFiles.load(none))
                .hasMessageContaining("its safetensors metadata has no \"format\" entry (expected \"resnet4j\"");
    }

    @Test
    void otherVersion_isRefusedWithBothVersions() throws IOException {
        Map<String, String> meta = metadata(tiny());
        meta.put("version", "2");
        Path file = tampered(meta, tiny().parameters().asMap());
        assertThatThrownBy(() -> ModelFiles.load(file)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("has format version \"2\", but this ResNet4J reads version \"1\"");
    }

    @Test
    void corruptDescriptionJson_givesTheParsersPosition() throws IOException {
        Map<String, String> meta = metadata(tiny());
        meta.put("model", meta.get("model").substring(0, 40));
        Path file = tampered(meta, tiny().parameters().asMap());
        assertThatThrownBy(() -> ModelFiles.load(file)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("the model description (metadata entry \"model\") is not valid JSON: "
                        + "Invalid JSON at character 40");
        meta.remove("model");
        Path missing = tampered(meta, tiny().parameters().asMap());
        assertThatThrownBy(() -> ModelFiles.load(missing)).hasMessageContaining("has no model description");
    }

    @Test
    void unknownLayerType_namesTheLayerTheTypeAndTheKnownTypes() throws IOException {
        Map<String, String> meta = metadata(tiny());
        meta.put("model", meta.get("model").replace("\"Dense\"", "\"Dense3D\""));
        Path file = tampered(meta, tiny().parameters().asMap());
        assertThatThrownBy(() -> ModelFiles.load(file)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("Layer \"fc\" has unknown type \"Dense3D\". Known types: [Activation, Add, ")
                .hasMessageContaining("ZeroPadShortcut");
    }

    @Test
    void unknownOrMalformedSetting_namesTheLayerAndTheSetting() throws IOException {
        Map<String, String> meta = metadata(tiny());
        meta.put("model", meta.get("model").replace("\"units\":2", "\"units\":2.5"));
        Path file = tampered(meta, tiny().parameters().asMap());
        assertThatThrownBy(() -> ModelFiles.load(file))
                .hasMessageContaining("Layer \"fc\" (Dense) setting \"units\" expects an integer. Received: 2.5");
        meta.put("model", metadata(tiny()).get("model").replace("\"units\":2", "\"units\":2,\"activation\":\"relu\""));
        Path extra = tampered(meta, tiny().parameters().asMap());
        assertThatThrownBy(() -> ModelFiles.load(extra))
                .hasMessageContaining("Layer \"fc\" (Dense) has unknown setting [\"activation\"]");
    }

    @Test
    void missingExtraAndWronglyShapedTensors_areAllNamedWithBothShapes() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>(tiny().parameters().asMap());
        tensors.remove("fc/bias");
        tensors.put("fc/kernel", HostTensor.zeros(Shape.of(2, 3)));
        tensors.put("fc/gamma", HostTensor.zeros(Shape.of(2)));
        Path file = tampered(metadata(tiny()), tensors);

        assertThatThrownBy(() -> ModelFiles.load(file)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("ResNet4J model file " + file + " does not match the model")
                .hasMessageContaining("missing tensor fc/bias (model expects shape=[2])")
                .hasMessageContaining("tensor fc/kernel has shape=[2, 3] but the model expects shape=[3, 2]")
                .hasMessageContaining("unexpected tensor fc/gamma with shape=[2]");
    }

    @ParameterizedTest(name = "cut to {0} of its bytes")
    @ValueSource(doubles = {0.0, 0.001, 0.01, 0.05, 0.2, 0.5, 0.9, 0.999})
    void truncatedFile_isAClearError(double fraction) throws IOException {
        Path whole = dir.resolve("whole.safetensors");
        ModelFiles.save(SavedModels.handBuilt(), whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));

        assertThatThrownBy(() -> ModelFiles.load(cut)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("ResNet4J model file " + cut + " is truncated or corrupt");
    }

    @Test
    void headerBytesOverwritten_isAClearError() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(SavedModels.handBuilt(), file);
        byte[] bytes = Files.readAllBytes(file);
        for (int offset : new int[] {0, 9, 100, 300, 1000}) {
            byte[] copy = bytes.clone();
            for (int i = offset; i < offset + 16; i++) {
                copy[i] = (byte) (0x5A ^ i);
            }
            Path corrupt = dir.resolve("corrupt.safetensors");
            Files.write(corrupt, copy);
            assertThatThrownBy(() -> ModelFiles.load(corrupt)).as("overwritten at " + offset)
                    .isInstanceOf(WeightFileException.class).hasMessageContaining(corrupt.toString());
        }
    }

    @Test
    void missingFileAndKerasFile_areNamed() throws IOException {
        Path missing = dir.resolve("nope.safetensors");
        assertThatThrownBy(() -> ModelFiles.load(missing)).isInstanceOf(WeightFileException.class)
                .hasMessage("ResNet4J model file " + missing + " does not exist");
        Path html = dir.resolve("page.safetensors");
        Files.writeString(html, "<html>Not Found</html>");
        assertThatThrownBy(() -> ModelFiles.load(html)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("is truncated or corrupt");
    }

    @Test
    void customLayerType_loadsWhenItsFactoryIsGiven() {
        Node in = Input.of(6, 6, 2);
        Model model = Model.of("with_option_a", in,
                org.resnet4j.models.resnet.ZeroPadShortcut.of(4, 2).named("shortcut").apply(in));
        Path file = dir.resolve("a.safetensors");
        ModelFiles.save(model, file);

        assertThat(ModelFiles.load(file).summary()).isEqualTo(model.summary());
        assertThatThrownBy(() -> ModelFiles.load(file, org.resnet4j.nn.LayerTypes.builtIn()))
                .hasMessageContaining("Layer \"shortcut\" has unknown type \"ZeroPadShortcut\"");
        assertThat(List.of(ModelFiles.layerTypes().names().toArray())).contains("ZeroPadShortcut", "Conv2D");
    }
}
