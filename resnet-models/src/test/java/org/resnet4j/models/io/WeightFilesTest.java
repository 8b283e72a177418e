package org.resnet4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.resnet4j.io.Safetensors;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tck.TorchvisionFixtures;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** {@link WeightFormat} names and detection, and {@link WeightFiles#load} for every format. */
class WeightFilesTest {
    @TempDir
    Path dir;

    private Path copy(String resource, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, p);
        }
        return p;
    }

    private Path keras(String name) throws IOException {
        return copy("/org/resnet4j/models/io/" + name, name);
    }

    private Path torchvision(String fixture) throws IOException {
        return copy("/fixtures/torchvision/" + fixture + ".weights.safetensors", fixture + ".safetensors");
    }

    // ---- WeightFormat.parse ------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"auto, AUTO", "torchvision, TORCHVISION", "keras-h5, KERAS_H5", "resnet4j, RESNET4J",
        "' Keras-H5 ', KERAS_H5"})
    void parse_acceptsTheCommandLineNames(String cli, WeightFormat expected) {
        assertThat(WeightFormat.parse(cli)).isEqualTo(expected);
        assertThat(WeightFormat.parse(expected.cliName())).isEqualTo(expected);
    }

    @Test
    void parse_unknownName_listsTheValidOnes() {
        assertThatThrownBy(() -> WeightFormat.parse("h5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown weight format \"h5\". Valid formats: auto, torchvision, keras-h5, resnet4j");
        assertThatThrownBy(() -> WeightFormat.parse(null)).hasMessageContaining("Valid formats");
    }

    // ---- WeightFormat.detect -----------------------------------------------------------------------------------

    @Test
    void detect_tellsTheThreeFormatsApartByContent() throws IOException {
        assertThat(WeightFormat.detect(keras("tiny_keras_applications.h5"))).isEqualTo(WeightFormat.KERAS_H5);
        assertThat(WeightFormat.detect(torchvision("tiny_resnet18"))).isEqualTo(WeightFormat.TORCHVISION);
        Path saved = dir.resolve("saved.h5"); // the name does not matter, only the bytes
        ModelFiles.save(SavedModels.handBuilt(), saved);
        assertThat(WeightFormat.detect(saved)).isEqualTo(WeightFormat.RESNET4J);
    }

    @Test
    void detect_safetensorsWithAnotherFormatTag_isTorchvision() throws IOException {
        Path pt = dir.resolve("pt.safetensors");
        Safetensors.write(pt, Map.of("fc.weight", HostTensor.zeros(Shape.of(2, 2))), Map.of("format", "pt"));
        assertThat(WeightFormat.detect(pt)).isEqualTo(WeightFormat.TORCHVISION);
    }

    @Test
    void detect_otherContent_saysWhatTheFileLooksLike() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.bin"));
        assertThatThrownBy(() -> WeightFormat.detect(empty)).isInstanceOf(WeightFileException.class)
                .hasMessage("Weight file " + empty + " is empty (0 bytes)");

        Path html = dir.resolve("resnet50.h5");
        Files.writeString(html, "<html><body>404 Not Found</body></html>");
        assertThatThrownBy(() -> WeightFormat.detect(html)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("is neither a Keras HDF5 file nor a safetensors file: it starts with text")
                .hasMessageContaining("first bytes 3c 68 74 6d 6c 3e 3c 62 \"<html><b\", 39 bytes in all");

        Path zip = dir.resolve("resnet50.pth");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0});
        assertThatThrownBy(() -> WeightFormat.detect(zip))
                .hasMessageContaining("it is a zip archive, the format of PyTorch's torch.save (.pt, .pth)")
                .hasMessageContaining("safetensors.torch.save_file(torch.load(\"resnet50.pth\")");

        Path pickle = dir.resolve("old.pth");
        Files.write(pickle, new byte[] {(byte) 0x80, 2, 'c', 'x'});
        assertThatThrownBy(() -> WeightFormat.detect(pickle)).hasMessageContaining("it is a Python pickle");

        Path missing = dir.resolve("missing.safetensors");
        assertThatThrownBy(() -> WeightFormat.detect(missing)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("cannot be read").hasMessageContaining("NoSuchFileException");
    }

    @Test
    void detect_safetensorsWithCorruptHeader_saysSo() throws IOException {
        byte[] header = "{\"x\":{\"dtype\":".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, b.array());
        assertThatThrownBy(() -> WeightFormat.detect(file)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("starts like a safetensors file but its header cannot be read")
                .hasMessageContaining("corrupt header");
    }

    // ---- WeightFiles.load --------------------------------------------------------------------------------------

    /**
     * torchvision fixtures (state_dicts of torchvision's ResNet class at base width 8) load into the models of
     * {@link ResNets#torchvisionConfig} by the default name mapping and reproduce PyTorch's logits.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"tiny_resnet18, 18", "tiny_resnet50, 50"})
    void load_torchvisionStateDict_auto_reproducesPyTorchsOutput(String fixture, int depth) throws IOException {
        Model model = ResNet.build(ResNets.torchvisionConfig(depth).withBaseWidth(8).withClasses(10)
                .withInputSize(64, 64));

        WeightFormat used = WeightFiles.load(model, torchvision(fixture), WeightFormat.AUTO);

        assertThat(used).isEqualTo(WeightFormat.TORCHVISION);
        TorchvisionFixtures.Case expected = TorchvisionFixtures.load(fixture);
        ReferenceOps ops = new ReferenceOps();
        List<Tensor> out = model.forward(ops, new HashMap<>(model.parameters().asMap()), List.of(expected.input()));
        assertThat(TensorComparison.relativeL2Error(ops.download(out.get(0)), expected.output())).isLessThan(1e-5);
    }

    /**
     * The layout of a real torchvision {@code resnet50().state_dict()} (names and OIHW shapes written here from
     * torchvision's module structure), each tensor filled with its own constant, loads into
     * {@code ResNets.torchvision(50)} with the default mapping, every constant landing where the naming rule says.
     */
    @Test
    void load_fullSizeTorchvisionResNet50Layout_mapsEveryTensor() throws IOException {
        Map<String, HostTensor> stateDict = new java.util.LinkedHashMap<>();
        Map<String, Float> expected = new HashMap<>();
        float[] next = {1};
        java.util.function.BiConsumer<String[], int[]> put = (names, shape) -> {
            stateDict.put(names[0], HostTensor.filled(Shape.of(shape), next[0]));
            if (names[1] != null) {
                expected.put(names[1], next[0]);
            }
            next[0]++;
        };
        addConv(put, "conv1", "conv1_conv", 64, 3, 7);
        addBn(put, "bn1", "conv1_bn", 64);
        int[][] stages = {{3, 64}, {4, 128}, {6, 256}, {3, 512}};
        int in = 64;
        for (int l = 0; l < 4; l++) {
            int w = stages[l][1];
            for (int b = 0; b < stages[l][0]; b++) {
                String torch = "layer" + (l + 1) + "." + b + ".";
                String ours = "conv" + (l + 2) + "_block" + (b + 1) + "_";
                addConv(put, torch + "conv1", ours + "1_conv", w, b == 0 ? in : 4 * w, 1);
                addBn(put, torch + "bn1", ours + "1_bn", w);
                addConv(put, torch + "conv2", ours + "2_conv", w, w, 3);
                addBn(put, torch + "bn2", ours + "2_bn", w);
                addConv(put, torch + "conv3", ours + "3_conv", 4 * w, w, 1);
                addBn(put, torch + "bn3", ours + "3_bn", 4 * w);
                if (b == 0) {
                    addConv(put, torch + "downsample.0", ours + "0_conv", 4 * w, in, 1);
                    addBn(put, torch + "downsample.1", ours + "0_bn", 4 * w);
                }
            }
            in = 4 * w;
        }
        put.accept(new String[] {"fc.weight", "predictions/kernel"}, new int[] {1000, 2048});
        put.accept(new String[] {"fc.bias", "predictions/bias"}, new int[] {1000});
        long trainable = stateDict.entrySet().stream().filter(e -> !e.getKey().contains("running_")
                && !e.getKey().endsWith("num_batches_tracked")).mapToLong(e -> e.getValue().size()).sum();
        assertThat(trainable).as("torchvision's published resnet50 parameter count").isEqualTo(25_557_032L);
        Path file = dir.resolve("resnet50.safetensors");
        Safetensors.write(file, stateDict);

        Model model = ResNets.torchvision(50);
        assertThat(WeightFiles.load(model, file, WeightFormat.AUTO)).isEqualTo(WeightFormat.TORCHVISION);

        assertThat(expected).hasSize(model.parameters().names().size());
        for (Map.Entry<String, Float> e : expected.entrySet()) {
            float[] data = model.parameters().get(e.getKey()).data();
            assertThat(data[0]).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(data[data.length - 1]).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(model.parameters().shape("conv2_block1_2_conv/kernel")).isEqualTo(Shape.of(3, 3, 64, 64));
    }

    private static void addConv(java.util.function.BiConsumer<String[], int[]> put, String torch, String ours,
            int out, int in, int k) {
        put.accept(new String[] {torch + ".weight", ours + "/kernel"}, new int[] {out, in, k, k});
    }

    private static void addBn(java.util.function.BiConsumer<String[], int[]> put, String torch, String ours, int c) {
        put.accept(new String[] {torch + ".weight", ours + "/gamma"}, new int[] {c});
        put.accept(new String[] {torch + ".bias", ours + "/beta"}, new int[] {c});
        put.accept(new String[] {torch + ".running_mean", ours + "/moving_mean"}, new int[] {c});
        put.accept(new String[] {torch + ".running_var", ours + "/moving_variance"}, new int[] {c});
        // num_batches_tracked is an I64 scalar in torchvision; Safetensors.write writes F32, and the importer skips
        // the name either way (the tiny fixtures cover the I64 form).
        put.accept(new String[] {torch + ".num_batches_tracked", null}, new int[] {});
    }

    @Test
    void load_torchvisionIntoAModelOfAnotherLayout_listsWhatDoesNotFit() throws IOException {
        Model keras = ResNet.build(ResNets.kerasApplicationsConfig(18).withBaseWidth(8).withClasses(10)
                .withInputSize(64, 64));
        Path file = torchvision("tiny_resnet18");
        assertThatThrownBy(() -> WeightFiles.load(keras, file, WeightFormat.TORCHVISION))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining("torchvision weight file " + file + " does not match the model")
                .hasMessageContaining("missing tensor conv1_conv/bias (model expects shape=[8])");
    }

    @Test
    void load_torchvisionWithAForeignModule_namesTheTensor() throws IOException {
        Path file = dir.resolve("foreign.safetensors");
        Safetensors.write(file, Map.of("head.weight", HostTensor.zeros(Shape.of(2, 2))));
        assertThatThrownBy(() -> WeightFiles.load(SavedModels.handBuilt(), file, WeightFormat.AUTO))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining("No layer for torchvision tensor \"head.weight\"");
    }

    @Test
    void load_kerasH5_auto_setsTheFileValues() throws IOException {
        Model model = ParameterHolder.tinyKerasModel();
        assertThat(WeightFiles.load(model, keras("tiny_caffe_names.h5"), WeightFormat.AUTO))
                .isEqualTo(WeightFormat.KERAS_H5);
        Map<String, HostTensor> expected;
        try (InputStream in = getClass().getResourceAsStream("/org/resnet4j/models/io/expected.npz")) {
            expected = Npz.read(in);
        }
        for (String name : model.parameters().names()) {
            assertThat(model.parameters().get(name).data()).as(name).containsExactly(expected.get(name).data());
        }
    }

    @Test
    void load_resnet4jFile_intoTheSameArchitecture_setsEveryParameter() {
        Model saved = SavedModels.seeded(SavedModels.handBuilt(), 5);
        Path file = dir.resolve("student.safetensors");
        ModelFiles.save(saved, file);
        Model fresh = SavedModels.handBuilt();

        assertThat(WeightFiles.load(fresh, file, WeightFormat.RESNET4J)).isEqualTo(WeightFormat.RESNET4J);

        for (String name : saved.parameters().names()) {
            assertThat(java.util.Arrays.equals(fresh.parameters().get(name).data(), saved.parameters().get(name).data()))
                    .as(name).isTrue();
        }
    }

    @Test
    void load_resnet4jFile_intoAnotherArchitecture_listsTheDifferences_andChangesNothing() {
        Model saved = ResNet.build(ResNets.torchvisionConfig(18).withBaseWidth(8).withClasses(10).withInputSize(32, 32));
        Path file = dir.resolve("r18.safetensors");
        ModelFiles.save(saved, file);
        Model other = ResNet.build(ResNets.torchvisionConfig(18).withBaseWidth(8).withClasses(7).withInputSize(32, 32)
                .withSettings(org.resnet4j.models.resnet.BlockSettings.torchvision().withBnEpsilon(1e-3)));
        float before = other.parameters().get("predictions/kernel").data()[0];

        assertThatThrownBy(() -> WeightFiles.load(other, file, WeightFormat.AUTO))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining("ResNet4J model file " + file + " describes another architecture than model")
                .hasMessageContaining("layer \"conv1_bn\" (BatchNormalization): \"epsilon\" is 1.0E-5 in the file, "
                        + "0.001 in the model")
                .hasMessageContaining("more. ModelFiles.load(file) rebuilds the file's own model");
        Model fewerClasses = ResNet.build(ResNets.torchvisionConfig(18).withBaseWidth(8).withClasses(7)
                .withInputSize(32, 32));
        assertThatThrownBy(() -> WeightFiles.load(fewerClasses, file, WeightFormat.AUTO))
                .hasMessageContaining("layer \"predictions\" (Dense): \"units\" is 10 in the file, 7 in the model");
        assertThat(other.parameters().get("predictions/kernel").data()[0]).isEqualTo(before);
    }

    @Test
    void load_namedFormatThatDisagreesWithTheContent_saysWhatTheFileIs() throws IOException {
        Path h5 = keras("tiny_keras_applications.h5");
        assertThatThrownBy(() -> WeightFiles.load(ParameterHolder.tinyKerasModel(), h5, WeightFormat.TORCHVISION))
                .isInstanceOf(WeightFileException.class)
                .hasMessage("Weight file " + h5 + " is a Keras HDF5 weight file, not a torchvision state_dict "
                        + "(safetensors); load it with format \"keras-h5\" or \"auto\"");
        Path st = torchvision("tiny_resnet18");
        assertThatThrownBy(() -> WeightFiles.load(SavedModels.handBuilt(), st, WeightFormat.RESNET4J))
                .hasMessageContaining("is a torchvision state_dict (safetensors), not a ResNet4J model file");
    }

    @Test
    void load_truncatedTorchvisionFile_isAClearError() throws IOException {
        byte[] bytes = Files.readAllBytes(torchvision("tiny_resnet18"));
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Model model = ResNet.build(ResNets.torchvisionConfig(18).withBaseWidth(8).withClasses(10).withInputSize(64, 64));
        assertThatThrownBy(() -> WeightFiles.load(model, cut, WeightFormat.AUTO))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining("torchvision weight file " + cut + " is truncated or corrupt");
    }
}
