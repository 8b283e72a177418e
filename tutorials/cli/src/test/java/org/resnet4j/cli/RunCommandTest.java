package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.Backends;
import org.resnet4j.io.Safetensors;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.models.io.ModelFiles;
import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.TensorDifference;
import org.resnet4j.tensor.Shape;

/**
 * {@code resnet4j run}: outputs are compared with the plain-loop {@code ReferenceOps} run of the same model and
 * weights, built in the test; weight files are written by the test in torchvision's names and layouts.
 */
class RunCommandTest {
    /** float32 on two engines differs by summation order only; a wrong weight or layout is off by order 1. */
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    @Test
    void seededWeights_givesTheOutputOfTheReferenceImplementation_andWritesItWithMetadata() throws Exception {
        HostTensor x = random(Shape.of(2, 32, 32, 3), 1);
        Path in = write("x.safetensors", Map.of("input", x, "label", HostTensor.zeros(Shape.of(2))));
        Path out = dir.resolve("y.safetensors");

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--input", in.toString(), "--output",
                out.toString(), "--backend", "nd4j");

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).contains("cifar_resnet20_a on nd4j").contains("[2, 10]");
        SafetensorsFile y = Safetensors.read(out);
        assertThat(y.names()).containsExactly("output");
        assertThat(y.metadata()).containsEntry("model", "cifar_resnet20_a").containsEntry("backend", "nd4j")
                .containsEntry("format", "seeded");
        HostTensor expected = reference(ResNets.cifar(20, CifarShortcut.A_ZERO_PAD), x);
        assertThat(TensorDifference.relativeL2(y.tensor("output"), expected)).isLessThan(TOLERANCE);
    }

    @Test
    void torchvisionWeights_roundTrip_throughTheImporter_givesTheSourceModelsOutput() throws Exception {
        Model source = ResNet.build(ResNets.torchvisionConfig(18).withInputSize(32, 32));
        source.initialize(7); // not the default seed: the run only matches if the file's weights were loaded
        // Non-trivial BatchNorm statistics, so that a swapped mean and variance would show.
        randomizeBatchNorm(source, 8);
        Path weights = dir.resolve("resnet18.safetensors");
        TorchvisionExport.write(source, weights);
        HostTensor x = random(Shape.of(32, 32, 3), 2);
        Path in = write("x.safetensors", Map.of("image", x));
        Path out = dir.resolve("y.safetensors");

        Cli.Result r = Cli.run("run", "--model", "resnet18", "--weights", weights.toString(), "--input",
                in + ":image", "--output", out + ":logits", "--backend", "tf");

        assertThat(r.exitCode()).as(r.both()).isZero();
        SafetensorsFile y = Safetensors.read(out);
        assertThat(y.metadata()).containsEntry("format", "torchvision");
        HostTensor logits = y.tensor("logits");
        assertThat(logits.shape()).isEqualTo(Shape.of(1, 1000));
        HostTensor expected = reference(source, x.reshape(Shape.of(1, 32, 32, 3)));
        assertThat(TensorDifference.relativeL2(logits, expected)).isLessThan(TOLERANCE);
    }

    @Test
    void inputWithSeveralTensors_andNoName_isAUsageError_listingThem() throws Exception {
        Map<String, HostTensor> two = new LinkedHashMap<>();
        two.put("a", random(Shape.of(1, 32, 32, 3), 1));
        two.put("b", random(Shape.of(1, 32, 32, 3), 2));
        Path in = write("x.safetensors", two);

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--input", in.toString(), "--output",
                dir.resolve("y.safetensors").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).contains("holds 2 tensors").contains("[a, b]")
                .contains("FILE:NAME");
    }

    @Test
    void missingTensorName_isAUsageError() throws Exception {
        Path in = write("x.safetensors", Map.of("input", random(Shape.of(1, 32, 32, 3), 1)));

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--input", in + ":images", "--output",
                dir.resolve("y.safetensors").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).contains("no tensor \"images\"").contains("[input]");
    }

    @Test
    void tensorOfTheWrongSize_forTheModel_isAUsageError_withBothShapes() throws Exception {
        Path in = write("x.safetensors", Map.of("input", random(Shape.of(1, 64, 64, 3), 1)));

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--input", in.toString(), "--output",
                dir.resolve("y.safetensors").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).contains("32x32").contains("64");
    }

    @Test
    void tensorThatIsNotAnImage_isAUsageError() throws Exception {
        Path in = write("x.safetensors", Map.of("input", random(Shape.of(1, 3, 32, 32), 1)));

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--input", in.toString(), "--output",
                dir.resolve("y.safetensors").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).contains("NHWC").contains("[1, 3, 32, 32]");
    }

    @Test
    void weightsThatDoNotFitTheModel_failWithTheDifferences() throws Exception {
        Model other = ResNets.torchvision(34);
        Path weights = dir.resolve("resnet34.safetensors");
        TorchvisionExport.write(other, weights);
        Path in = write("x.safetensors", Map.of("input", random(Shape.of(1, 32, 32, 3), 1)));

        Cli.Result r = Cli.run("run", "--model", "resnet18", "--weights", weights.toString(), "--input",
                in.toString(), "--output", dir.resolve("y.safetensors").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).startsWith("Error: torchvision weight file " + weights)
                .contains("does not match the model").contains("conv2_block3_1_conv/kernel");
    }

    @Test
    void kerasWeightFile_isDetected_andItsProblemReported() throws Exception {
        Path weights = dir.resolve("no_layer_names.h5");
        try (var resource = getClass().getResourceAsStream("bad_no_layer_names.h5")) {
            Files.copy(resource, weights);
        }
        Path in = write("x.safetensors", Map.of("input", random(Shape.of(1, 32, 32, 3), 1)));

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--weights", weights.toString(), "--input",
                in.toString(), "--output", dir.resolve("y.safetensors").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).contains("is not a Keras weight file");
    }

    @Test
    void weightFileOfNoKnownFormat_failsWithOneLine() throws Exception {
        Path weights = dir.resolve("weights.bin");
        Files.writeString(weights, "<html>404 Not Found</html>", StandardCharsets.UTF_8);
        Path in = write("x.safetensors", Map.of("input", random(Shape.of(1, 32, 32, 3), 1)));

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--weights", weights.toString(), "--input",
                in.toString(), "--output", dir.resolve("y.safetensors").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).contains(weights.toString())
                .contains("is neither a Keras HDF5 file nor a safetensors file").contains("error page");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void resnet4jModelFile_isDetected_andLoaded() throws Exception {
        Model source = ResNets.cifar(20, CifarShortcut.B_PROJECTION);
        source.initialize(9);
        randomizeBatchNorm(source, 10);
        Path weights = dir.resolve("cifar20b.resnet4j.safetensors");
        ModelFiles.save(source, weights);
        HostTensor x = random(Shape.of(1, 32, 32, 3), 3);
        Path in = write("x.safetensors", Map.of("input", x));
        Path out = dir.resolve("y.safetensors");

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20-b", "--weights", weights.toString(), "--input",
                in.toString(), "--output", out.toString(), "--backend", "tf");

        assertThat(r.exitCode()).as(r.both()).isZero();
        SafetensorsFile y = Safetensors.read(out);
        assertThat(y.metadata()).containsEntry("format", "resnet4j");
        assertThat(TensorDifference.relativeL2(y.tensor("output"), reference(source, x))).isLessThan(TOLERANCE);
    }

    @Test
    void namedFormat_thatTheFileIsNot_isAFailure_sayingWhatItIs() throws Exception {
        Model source = ResNets.cifar(20, CifarShortcut.A_ZERO_PAD);
        Path weights = dir.resolve("cifar20.safetensors");
        ModelFiles.save(source, weights);
        Path in = write("x.safetensors", Map.of("input", random(Shape.of(1, 32, 32, 3), 1)));

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--weights", weights.toString(), "--format",
                "torchvision", "--input", in.toString(), "--output", dir.resolve("y.safetensors").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).contains("is a ResNet4J model file")
                .contains("not a torchvision state_dict");
    }

    @Test
    void unknownFormat_isAUsageError_listingTheFormats() throws Exception {
        Path in = write("x.safetensors", Map.of("input", random(Shape.of(1, 32, 32, 3), 1)));

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--weights", in.toString(), "--format", "onnx",
                "--input", in.toString(), "--output", dir.resolve("y.safetensors").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(r.err()))
                .isEqualTo("--format expects one of [auto, torchvision, keras-h5, resnet4j]. Received: onnx");
    }

    @Test
    void unknownBackend_isAUsageError_listingTheBackendsFound() throws Exception {
        Path in = write("x.safetensors", Map.of("input", random(Shape.of(1, 32, 32, 3), 1)));

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--input", in.toString(), "--output",
                dir.resolve("y.safetensors").toString(), "--backend", "cuda");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(r.err()))
                .isEqualTo("--backend expects one of the backends found [jcuda, tf, nd4j]. Received: cuda");
    }

    @Test
    void unavailableBackend_isAFailure_withTheProbesReason() throws Exception {
        Optional<BackendProvider> unavailable = Backends.providers().stream()
                .filter(p -> !p.probe().available()).findFirst();
        assumeTrue(unavailable.isPresent(), "every backend can run here");
        Path in = write("x.safetensors", Map.of("input", random(Shape.of(1, 32, 32, 3), 1)));

        Cli.Result r = Cli.run("run", "--model", "cifar-resnet20", "--input", in.toString(), "--output",
                dir.resolve("y.safetensors").toString(), "--backend", unavailable.get().name());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).startsWith("resnet4j: Backend [" + unavailable.get().name()
                + "]").contains(unavailable.get().probe().reason());
    }

    @Test
    void requiredOptions_missing_areUsageErrors() throws Exception {
        Cli.Result r = Cli.run("run", "--model", "resnet18");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).contains("--input").contains("--output");
    }

    private Path write(String name, Map<String, HostTensor> tensors) throws IOException {
        Path file = dir.resolve(name);
        Safetensors.write(file, tensors, Map.of());
        return file;
    }

    static HostTensor reference(Model model, HostTensor x) {
        try (ReferenceBackend oracle = new ReferenceBackend(); CompiledModel compiled = oracle.compile(model)) {
            return compiled.predict(x);
        }
    }

    static HostTensor random(Shape shape, long seed) {
        Random rng = new Random(seed);
        float[] d = new float[shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return HostTensor.of(shape, d);
    }

    static void randomizeBatchNorm(Model model, long seed) {
        Random rng = new Random(seed);
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            boolean positive = name.endsWith("/gamma") || name.endsWith("/moving_variance");
            boolean centred = name.endsWith("/beta") || name.endsWith("/moving_mean");
            for (int i = 0; (positive || centred) && i < d.length; i++) {
                d[i] = positive ? 0.5f + rng.nextFloat() : (float) (rng.nextGaussian() * 0.1);
            }
        }
    }
}
