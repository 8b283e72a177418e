package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.Backends;
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.io.Safetensors;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.models.io.ModelFiles;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNetConfig;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.TrainingNotSupportedException;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tck.ReferenceTrainingOps;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.SparseCategoricalCrossentropy;

/**
 * {@code resnet4j gradients}: the command's loss and gradients are compared with the tape on the plain-loop oracle
 * ({@code ReferenceTrainingOps}), run here on the same weights, images and labels (the tiny Keras ResNet-50's
 * gradients with the tape on the same backend, {@link #RESNET50_TOLERANCE} says why); weight files are written by the
 * test (torchvision's names and layouts by {@link TorchvisionExport}, written independently of the exporter the
 * command uses). Then the mistakes, each with its exit code and line.
 */
class GradientsCommandTest {
    /**
     * Per tensor, relative L2. The ResNet-18's gradients through eight BatchNorms with 8 values per channel in the
     * last stage agree within 1e-5 to 1e-4 between float32 engines (docs/training.md); a wrong name, layout or
     * training mode is off by order 1.
     */
    private static final double TOLERANCE = 1e-4;
    /**
     * The tiny Keras ResNet-50's loss against the float64 tape. Its gradients are not compared with that tape: at
     * batch 2 they are ill-conditioned in float32, off by 1.7e-4 to 0.51 (largest per tensor) depending on the
     * images' seed, alike with either family of oneDNN's convolution kernels, while each of its convolutions on its
     * own agrees within 3e-7 and torchvision's tiny ResNet-50 goldens within 3.1e-4 (measured 2026-12-07 on the
     * Zen 5 machine, docs/training.md). The command's gradients are compared with the tape on the same backend.
     */
    private static final double RESNET50_TOLERANCE = 1e-3;

    @TempDir
    Path dir;

    @Test
    void tinyResNet18_torchvisionWeights_onTf_givesTheReferenceTapesGradients_inTorchvisionNamesAndLayouts()
            throws Exception {
        Model source = tiny(ResNets.torchvisionConfig(18));
        Path weights = dir.resolve("resnet18.safetensors");
        TorchvisionExport.write(source, weights);
        HostTensor x = RunCommandTest.random(Shape.of(2, 64, 64, 3), 11);
        Path in = write("x.safetensors", Map.of("input", x));
        Path labels = IntegerTensorFiles.int64(dir.resolve("y.safetensors"), "labels", 3, 7);
        Path out = dir.resolve("g.safetensors");

        Cli.Result r = Cli.run("gradients", "--model", "resnet18", "--base-width", "4", "--classes", "10",
                "--weights", weights.toString(), "--format", "torchvision", "--input", in.toString(), "--labels",
                labels.toString(), "--output", out.toString(), "--backend", "tf", "--input-size", "64");

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(r.out()).contains("resnet18 on tf: loss").contains("over 2 images").contains("(torchvision names)");
        SafetensorsFile g = Safetensors.read(out);
        assertThat(g.metadata()).containsEntry("backend", "tf").containsEntry("format", "torchvision");
        Reference expected = reference(source, "predictions", x, new int[] {3, 7});
        Map<String, HostTensor> torchvision = new LinkedHashMap<>();
        expected.gradients().forEach((name, value) -> torchvision.put(TorchvisionExport.torchName(name),
                TorchvisionExport.torchLayout(value)));
        assertSameGradients(g, expected.loss(), torchvision, TOLERANCE);
        assertThat(g.names()).contains("conv1.weight", "layer2.0.downsample.0.weight", "layer4.1.bn2.bias",
                "fc.weight", "fc.bias").doesNotContain("bn1.running_mean", "bn1.running_var");
        assertThat(g.tensor("conv1.weight").shape()).isEqualTo(Shape.of(4, 3, 7, 7));
        assertThat(g.tensor("fc.weight").shape()).isEqualTo(Shape.of(10, 32));
        assertThat(leftovers()).containsExactlyInAnyOrder("resnet18.safetensors", "x.safetensors", "y.safetensors",
                "g.safetensors");
        // Written under a temporary name and moved, yet as readable as any file the user creates.
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(in));
    }

    @Test
    void tinyKerasResNet50_resnet4jModelFile_onNd4j_takesTheLogitsBeforeTheSoftmax_underResNet4jNames()
            throws Exception {
        Model source = tiny(ResNets.kerasApplicationsConfig(50));
        Path weights = dir.resolve("resnet50.resnet4j.safetensors");
        ModelFiles.save(source, weights);
        HostTensor x = RunCommandTest.random(Shape.of(2, 64, 64, 3), 12);
        Map<String, HostTensor> both = new LinkedHashMap<>();
        both.put("images", x);
        both.put("other", HostTensor.zeros(Shape.of(1)));
        Path in = write("x.safetensors", both);
        Path labels = IntegerTensorFiles.int32(dir.resolve("y.safetensors"), "y", 9, 0);
        Path out = dir.resolve("g.safetensors");

        Cli.Result r = Cli.run("gradients", "--model", "resnet50", "--variant", "keras", "--base-width", "4",
                "--classes", "10", "--weights", weights.toString(), "--input", in + ":images", "--labels",
                labels.toString(), "--output", out.toString(), "--backend", "nd4j");

        assertThat(r.exitCode()).as(r.both()).isZero();
        SafetensorsFile g = Safetensors.read(out);
        assertThat(g.metadata()).containsEntry("backend", "nd4j").containsEntry("format", "resnet4j");
        int[] classes = {9, 0};
        Reference sameBackend;
        try (Backend nd4j = Backends.get("nd4j")) {
            sameBackend = tape(nd4j.ops(), source, "predictions", x, classes);
        }
        assertSameGradients(g, sameBackend.loss(), sameBackend.gradients(), TOLERANCE);
        float oracleLoss = reference(source, "predictions", x, classes).loss();
        assertThat((double) g.tensor("loss").data()[0]).as("the loss against the float64 tape")
                .isCloseTo(oracleLoss, withinPercentage(100 * RESNET50_TOLERANCE));
        // keras.applications' convolutions have biases, ResNet4J's dense kernels are [in, out].
        assertThat(g.names()).contains("conv1_conv/bias", "conv2_block1_0_conv/kernel");
        assertThat(g.tensor("predictions/kernel").shape()).isEqualTo(Shape.of(128, 10));
    }

    @Test
    void labelOutOfRange_isAFailure_namingIndexValueAndClassCount_andLeavesTheOutputAsItWas() throws Exception {
        Path out = dir.resolve("g.safetensors");
        Files.writeString(out, "an earlier result", StandardCharsets.UTF_8);

        Cli.Result r = runTiny(IntegerTensorFiles.int64(dir.resolve("y.safetensors"), "labels", 3, 10), out);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).isEqualTo("Error: --labels expects class indices in "
                + "[0, 10) (resnet18 has 10 classes). Received: 10 at index 1");
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo("an earlier result");
        assertThat(leftovers()).noneMatch(n -> n.endsWith(".partial"));
    }

    @Test
    void outputThatCannotBeWritten_isAFailure_leavingNoPartialFile() throws Exception {
        Path out = Files.createDirectories(dir.resolve("g.safetensors"));
        Files.writeString(out.resolve("keep.txt"), "a directory in the way", StandardCharsets.UTF_8);

        Cli.Result r = runTiny(IntegerTensorFiles.int64(dir.resolve("y.safetensors"), "labels", 1, 2), out);

        assertThat(r.exitCode()).as(r.both()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).startsWith("Error: Cannot write --output " + out);
        assertThat(leftovers()).noneMatch(n -> n.endsWith(".partial"));
        assertThat(out.resolve("keep.txt")).hasContent("a directory in the way");
    }

    @Test
    void negativeLabel_isAFailure_namingItsIndex() throws Exception {
        Cli.Result r = runTiny(IntegerTensorFiles.int32(dir.resolve("y.safetensors"), "labels", -1, 2),
                dir.resolve("g.safetensors"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).endsWith("Received: -1 at index 0");
        assertThat(dir.resolve("g.safetensors")).doesNotExist();
    }

    @Test
    void labelsOfAnotherLength_thanTheBatch_isAFailure() throws Exception {
        Cli.Result r = runTiny(IntegerTensorFiles.int64(dir.resolve("y.safetensors"), "labels", 1, 2, 3),
                dir.resolve("g.safetensors"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).isEqualTo("Error: --labels expects one class index per "
                + "image of --input: 2 labels. Received: 3 labels in tensor \"labels\"");
    }

    @Test
    void labelsThatAreNotAVector_orNotIntegers_areFailures() throws Exception {
        Cli.Result matrix = runTiny(IntegerTensorFiles.int64(dir.resolve("y2.safetensors"), "labels",
                new int[] {2, 1}, 1, 2), dir.resolve("g.safetensors"));
        Cli.Result floats = runTiny(write("yf.safetensors", Map.of("labels", HostTensor.of(Shape.of(2),
                new float[] {1, 2}))), dir.resolve("g.safetensors"));

        assertThat(matrix.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(matrix.err())).contains("expects shape [2]")
                .contains("shape=[2, 1]");
        assertThat(floats.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(floats.err())).contains("(int64 or int32)").contains("of F32");
    }

    @Test
    void weightsThatDoNotFitTheModel_failWithTheDifferences() throws Exception {
        Path weights = dir.resolve("resnet34.safetensors");
        TorchvisionExport.write(tiny(ResNets.torchvisionConfig(34)), weights);

        Cli.Result r = runTiny(weights, IntegerTensorFiles.int64(dir.resolve("y.safetensors"), "labels", 1, 2),
                dir.resolve("g.safetensors"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ResNet4jCommandTest.firstLine(r.err())).startsWith("Error: torchvision weight file " + weights)
                .contains("does not match the model").contains("conv2_block3_1_conv/kernel");
        assertThat(dir.resolve("g.safetensors")).doesNotExist();
    }

    @Test
    void backendThatDoesNotTrain_isAFailure_sayingSo() throws Exception {
        BackendProvider jcuda = Backends.providers().stream().filter(p -> p.name().equals("jcuda")).findFirst()
                .orElseThrow();

        Cli.Result r = runTiny(IntegerTensorFiles.int64(dir.resolve("y.safetensors"), "labels", 1, 2),
                dir.resolve("g.safetensors"), "--backend", "jcuda");

        assertThat(r.exitCode()).isEqualTo(1);
        // Without a GPU the backend cannot even start, and says why; with one it starts and cannot train.
        String expected = jcuda.probe().available() ? "Error: Training not supported by the jcuda backend"
                : "resnet4j: Backend [jcuda]";
        assertThat(ResNet4jCommandTest.firstLine(r.err())).startsWith(expected);
    }

    @Test
    void opsWithoutBackwardPrimitives_areRefused_withTrainingNotSupported() {
        Model model = tiny(ResNets.torchvisionConfig(18));
        HostTensor x = RunCommandTest.random(Shape.of(2, 64, 64, 3), 1);

        assertThatThrownBy(() -> LossGradients.compute(new ReferenceOps(), "reference", model, x, new int[] {1, 2}))
                .isInstanceOf(TrainingNotSupportedException.class)
                .hasMessageStartingWith("Training not supported by the reference backend (");
    }

    @Test
    void logits_ofAModelThatEndsInADenseLayer_areItsOutput_andOtherwiseThatLayersOutput() {
        Model logits = tiny(ResNets.torchvisionConfig(18));
        Model softmax = tiny(ResNets.kerasApplicationsConfig(18));
        Model blog = ModelResolver.resolve("blog-resnet18", null, 64);
        Model noDense = Model.of("features", softmax.inputs(), List.of(node(softmax, "avg_pool")));

        assertThat(LossGradients.logitsOf(logits)).isSameAs(logits);
        assertThat(LossGradients.logitsOf(softmax).outputs().get(0).layer().name()).isEqualTo("predictions");
        assertThat(LossGradients.logitsOf(blog).outputs().get(0).layer().typeName()).isEqualTo("Dense");
        assertThatThrownBy(() -> LossGradients.logitsOf(noDense)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the logits of a Dense layer").hasMessageContaining("features");
    }

    @Test
    void badArguments_areUsageErrors() throws Exception {
        Path labels = IntegerTensorFiles.int64(dir.resolve("y.safetensors"), "labels", 1, 2);

        Cli.Result keras = runTiny(labels, dir.resolve("g.safetensors"), "--format", "keras-h5");
        Cli.Result size = runTiny(labels, dir.resolve("g.safetensors"), "--input-size", "32");
        Cli.Result missing = Cli.run("gradients", "--model", "resnet18", "--weights", "w.safetensors", "--input",
                "x.safetensors", "--output", "g.safetensors");
        Cli.Result cifar = Cli.run("gradients", "--model", "cifar-resnet20", "--classes", "10", "--weights",
                "w.safetensors", "--input", write("c.safetensors", Map.of("input",
                        RunCommandTest.random(Shape.of(1, 32, 32, 3), 1))).toString(), "--labels", labels.toString(),
                "--output", "g.safetensors");

        assertThat(keras.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(keras.err())).isEqualTo("--format expects one of [auto, "
                + "torchvision, resnet4j] (gradients are written under the weights file's names). Received: keras-h5");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(size.err())).contains("--input-size 32").contains("64x64");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(missing.err())).contains("--labels");
        assertThat(cifar.exitCode()).isEqualTo(2);
        assertThat(ResNet4jCommandTest.firstLine(cifar.err())).contains("--classes apply to resnet18 .. resnet152");
    }

    /**
     * The loss, then every gradient under the names of {@code expected}, nothing else, each within
     * {@code tolerance} relative L2 error; but a convolution bias that feeds a BatchNormalization (keras.applications'
     * convolutions have one) has a true gradient of exactly 0, the batch mean cancels it, so both sides hold rounding
     * noise: its difference is measured against the norm of the same layer's kernel gradient instead.
     */
    static void assertSameGradients(SafetensorsFile actual, float loss, Map<String, HostTensor> expected,
            double tolerance) {
        assertThat(actual.names()).containsExactlyElementsOf(Stream.concat(Stream.of("loss"),
                expected.keySet().stream()).toList());
        assertThat(actual.tensor("loss").shape()).isEqualTo(Shape.of());
        List<String> diverging = new ArrayList<>();
        double lossError = Math.abs(actual.tensor("loss").data()[0] - loss) / Math.abs(loss);
        if (!(lossError <= tolerance)) {
            diverging.add(String.format("loss (%.3g)", lossError));
        }
        double[] largestError = {0};
        expected.forEach((name, value) -> {
            assertThat(actual.tensor(name).shape()).as(name).isEqualTo(value.shape());
            double error = name.matches(".*_conv/bias")
                    ? difference(actual.tensor(name), value) / norm(expected.get(name.replace("/bias", "/kernel")))
                    : TensorComparison.relativeL2Error(actual.tensor(name), value);
            if (!(error <= tolerance)) {
                diverging.add(String.format("%s (%.3g)", name, error));
            }
            largestError[0] = Math.max(largestError[0], error);
        });
        System.out.printf("gradients against the expected ones: loss %.3g, largest gradient error %.3g%n", lossError,
                largestError[0]);
        assertThat(diverging).as("gradients further than %.0e relative L2 from the expected ones", tolerance)
                .isEmpty();
    }

    private static double difference(HostTensor a, HostTensor b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = (double) a.data()[i] - b.data()[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    private static double norm(HostTensor t) {
        return difference(t, HostTensor.zeros(t.shape()));
    }

    /**
     * The loss and gradients of the tape on the oracle ({@link #reference}) or on a backend ({@link #tape}), through
     * {@code logitsLayer}'s output.
     */
    record Reference(float loss, Map<String, HostTensor> gradients) {
    }

    static Reference reference(Model model, String logitsLayer, HostTensor x, int[] labels) {
        return tape(new ReferenceTrainingOps(), model, logitsLayer, x, labels);
    }

    /** The same on {@code ops}, a backend's. */
    static Reference tape(Ops ops, Model model, String logitsLayer, HostTensor x, int[] labels) {
        Model logits = Model.of(model.name(), model.inputs(), List.of(node(model, logitsLayer)));
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> trainable = new LinkedHashMap<>();
        for (String name : model.parameters().names()) {
            Tensor t = ops.upload(model.parameters().get(name));
            weights.put(name, t);
            if (model.parameters().spec(name).trainable()) {
                trainable.put(name, t);
            }
        }
        try (GradientTape tape = GradientTape.on(ops); Tensor images = ops.upload(x)) {
            Tensor out = logits.forward(tape, weights, List.of(images)).get(0);
            Tensor loss = SparseCategoricalCrossentropy.fromLogits().compute(tape, out, labels);
            Map<String, Tensor> gradients = tape.gradient(loss, trainable);
            Map<String, HostTensor> host = new LinkedHashMap<>();
            gradients.forEach((name, g) -> host.put(name, ops.download(g)));
            gradients.values().forEach(Tensor::close);
            return new Reference(tape.download(loss).data()[0], host);
        } finally {
            weights.values().forEach(Tensor::close);
        }
    }

    private static Node node(Model model, String layer) {
        return model.nodes().stream().filter(n -> n.layer().name().equals(layer)).findFirst().orElseThrow();
    }

    /** Base width 4, 10 classes, 64x64 input, weights seeded with 7 and non-trivial BatchNorm statistics. */
    static Model tiny(ResNetConfig config) {
        Model model = ResNet.build(config.withBaseWidth(4).withClasses(10).withInputSize(64, 64));
        model.initialize(7);
        RunCommandTest.randomizeBatchNorm(model, 8);
        return model;
    }

    private Cli.Result runTiny(Path labels, Path out, String... more) throws IOException {
        Path weights = dir.resolve("tiny18.safetensors");
        if (!Files.exists(weights)) {
            TorchvisionExport.write(tiny(ResNets.torchvisionConfig(18)), weights);
        }
        return runTiny(weights, labels, out, more);
    }

    private Cli.Result runTiny(Path weights, Path labels, Path out, String... more) throws IOException {
        Path in = write("x.safetensors", Map.of("input", RunCommandTest.random(Shape.of(2, 64, 64, 3), 5)));
        List<String> args = new ArrayList<>(List.of("gradients", "--model", "resnet18", "--base-width", "4",
                "--classes", "10", "--weights", weights.toString(), "--input", in.toString(), "--labels",
                labels.toString(), "--output", out.toString()));
        if (!List.of(more).contains("--backend")) {
            args.addAll(List.of("--backend", "nd4j"));
        }
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private Path write(String name, Map<String, HostTensor> tensors) throws IOException {
        Path file = dir.resolve(name);
        Safetensors.write(file, tensors, Map.of());
        return file;
    }
}
