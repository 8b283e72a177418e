package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.io.Safetensors;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.models.io.TorchvisionImporter;
import org.resnet4j.models.io.TorchvisionNames;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.tck.Float64Ops;
import org.resnet4j.tck.ReferenceGradients;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.Adam;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.Sgd;
import org.resnet4j.training.SparseCategoricalCrossentropy;

/**
 * PyTorch's float64 training goldens ({@code src/test/python/make_gradient_goldens.py}): tiny torchvision ResNet-18
 * and ResNet-50 (base width 4, 10 classes, 2x64x64x3 input) built here with torchvision's conventions, loaded with
 * the goldens' weights, run through the tape in training mode. The loss, the logits, every parameter gradient, the
 * moving statistics after the pass, and the parameters after SGD (Nesterov) and Adam steps must match PyTorch per
 * tensor: within 1e-6 relative L2 on the float64 reference (the goldens are stored as float32, whose rounding is
 * about 1e-7), within 1e-4 on the float32 reference (the bar the backends will have to meet). A failure names the
 * first tensor, in the model's order, that diverges.
 */
class TorchvisionTrainingGoldenTest {
    private static final String ROOT = "/org/resnet4j/models/resnet/gradients/";
    private static final double FLOAT64_TOLERANCE = 1e-6;
    private static final double FLOAT32_TOLERANCE = 1e-4;

    /** The ops a run uses and the tolerance its results are held to. */
    record Precision(String name, Ops ops, GradientOps gradients, double tolerance) {
        static Precision float64() {
            Float64Ops ops = new Float64Ops();
            return new Precision("float64 reference", ops, ops, FLOAT64_TOLERANCE);
        }

        static Precision float32() {
            return new Precision("float32 reference", new ReferenceOps(), new ReferenceGradients(), FLOAT32_TOLERANCE);
        }
    }

    record Golden(String name, int depth, SafetensorsFile weights, SafetensorsFile gradients,
            SafetensorsFile steps) {
        static Golden load(String name, int depth) {
            return new Golden(name, depth, read(name + ".weights.safetensors"), read(name + ".gradients.safetensors"),
                    read(name + ".steps.safetensors"));
        }

        HostTensor input() {
            return gradients.tensor("input");
        }

        HostTensor labels() {
            return gradients.tensor("labels");
        }
    }

    /** The model with the golden's initial weights, and those weights on the backend. */
    private static final class Network {
        final Model model;
        final Map<String, Tensor> weights = new LinkedHashMap<>();
        final Map<String, Tensor> trainable = new LinkedHashMap<>();

        Network(Golden golden, Ops ops) {
            model = ResNet.build(ResNets.torchvisionConfig(golden.depth()).withBaseWidth(4).withClasses(10)
                    .withInputSize(64, 64));
            TorchvisionImporter.load(model.parameters(), new LinkedHashMap<>(golden.weights().floatTensors()),
                    TorchvisionNames.network());
            for (String name : model.parameters().names()) {
                Tensor t = ops.upload(model.parameters().get(name));
                weights.put(name, t);
                if (model.parameters().spec(name).trainable()) {
                    trainable.put(name, t);
                }
            }
        }

        /** One training-mode pass; returns the loss and logits, and the gradients in {@code gradientsOut}. */
        Map<String, HostTensor> pass(Precision p, Golden golden, Map<String, Tensor> gradientsOut) {
            try (GradientTape tape = GradientTape.on(p.ops(), p.gradients());
                    Tensor input = p.ops().upload(golden.input())) {
                Tensor logits = model.forward(tape, weights, List.of(input)).get(0);
                Tensor loss = SparseCategoricalCrossentropy.fromLogits().compute(tape, logits, golden.labels());
                Map<String, HostTensor> outputs = new LinkedHashMap<>();
                outputs.put("loss", tape.download(loss));
                outputs.put("logits", tape.download(logits));
                gradientsOut.putAll(tape.gradient(loss, trainable));
                return outputs;
            }
        }
    }

    /** Relative L2 errors in order, and the verdict naming the first tensor over the tolerance. */
    static final class Comparison {
        private final List<String> names = new ArrayList<>();
        private final List<Double> errors = new ArrayList<>();

        void add(String name, HostTensor actual, HostTensor expected) {
            assertThat(actual.shape()).as(name).isEqualTo(expected.shape());
            names.add(name);
            errors.add(TensorComparison.relativeL2Error(actual, expected));
        }

        /** The names of the tensors over {@code tolerance}, in order. */
        List<String> diverging(double tolerance) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (!(errors.get(i) <= tolerance)) {
                    out.add(String.format("%s (%.3g)", names.get(i), errors.get(i)));
                }
            }
            return out;
        }

        void assertWithin(String what, double tolerance) {
            List<String> bad = diverging(tolerance);
            assertThat(bad).as("%s: the first tensor that diverges from PyTorch by more than %.0e relative L2 is %s;"
                    + " %d of %d diverge: %s", what, tolerance, bad.isEmpty() ? "none" : bad.get(0), bad.size(),
                    names.size(), bad.subList(0, Math.min(8, bad.size()))).isEmpty();
            assertThat(names.size()).as(what + ": tensors compared").isGreaterThan(10);
        }
    }

    /**
     * The golden's tensors with {@code prefix} (without it) under this project's names and layouts, each tagged
     * with its torchvision name: {@code ours (torchvision)}.
     */
    private static Map<String, Map.Entry<String, HostTensor>> expected(SafetensorsFile file, String prefix) {
        Map<String, Map.Entry<String, HostTensor>> out = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : file.floatTensors().entrySet()) {
            String torchName = e.getKey();
            if (!torchName.startsWith(prefix) || !torchName.contains(".")) {
                continue; // input, logits, loss, or another optimizer's parameters
            }
            String plain = torchName.substring(prefix.length());
            TorchvisionImporter.convert(Map.of(plain, e.getValue()), TorchvisionNames.network())
                    .forEach((ours, value) -> out.put(ours, Map.entry(plain, value)));
        }
        return out;
    }

    static void compareGradientsAndStatistics(Precision p, Golden golden) {
        Network net = new Network(golden, p.ops());
        Map<String, Tensor> gradients = new LinkedHashMap<>();
        Map<String, HostTensor> outputs = net.pass(p, golden, gradients);
        Map<String, Map.Entry<String, HostTensor>> expected = expected(golden.gradients(), "");
        Comparison c = new Comparison();
        c.add("loss", outputs.get("loss"), golden.gradients().tensor("loss"));
        c.add("logits", outputs.get("logits"), golden.gradients().tensor("logits"));
        for (String name : net.model.parameters().names()) {
            Map.Entry<String, HostTensor> e = expected.get(name);
            assertThat(e).as("the golden holds " + name).isNotNull();
            // Trainable: the gradient; moving statistics: their value after the training-mode pass.
            HostTensor actual = net.trainable.containsKey(name) ? p.ops().download(gradients.get(name))
                    : p.ops().download(net.weights.get(name));
            c.add(name + " (" + e.getKey() + ")", actual, e.getValue());
        }
        assertThat(expected).hasSameSizeAs(net.model.parameters().names());
        c.assertWithin(golden.name() + " loss, gradients and moving statistics on the " + p.name(), p.tolerance());
    }

    static Comparison afterSteps(Precision p, Golden golden, Optimizer optimizer, int steps, String prefix) {
        Network net = new Network(golden, p.ops());
        for (int i = 0; i < steps; i++) {
            Map<String, Tensor> gradients = new LinkedHashMap<>();
            net.pass(p, golden, gradients);
            optimizer.apply(p.ops(), p.gradients(), net.trainable, gradients);
            gradients.values().forEach(Tensor::close);
        }
        Map<String, Map.Entry<String, HostTensor>> expected = expected(golden.steps(), prefix + "/");
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(net.trainable.keySet());
        Comparison c = new Comparison();
        net.trainable.forEach((name, t) -> c.add(name + " (" + expected.get(name).getKey() + ")", p.ops().download(t),
                expected.get(name).getValue()));
        return c;
    }

    static Sgd sgd() {
        return Sgd.of(0.1).withMomentum(0.9).withNesterov();
    }

    static Adam pyTorchAdam() {
        return Adam.of().withLearningRate(0.01).withEpsilon(1e-3).withPyTorchEpsilon();
    }

    @Test
    void tinyResNet18_float64_lossGradientsAndMovingStatistics_matchPyTorch() {
        compareGradientsAndStatistics(Precision.float64(), Golden.load("tiny_resnet18", 18));
    }

    @Test
    void tinyResNet50_float64_lossGradientsAndMovingStatistics_matchPyTorch() {
        compareGradientsAndStatistics(Precision.float64(), Golden.load("tiny_resnet50", 50));
    }

    @Test
    void tinyResNet18_float32Reference_lossGradientsAndMovingStatistics_matchPyTorch() {
        compareGradientsAndStatistics(Precision.float32(), Golden.load("tiny_resnet18", 18));
    }

    @Test
    void tinyResNet50_float32Reference_lossGradientsAndMovingStatistics_matchPyTorch() {
        compareGradientsAndStatistics(Precision.float32(), Golden.load("tiny_resnet50", 50));
    }

    @Test
    void tinyResNet18_sgdNesterovTwoSteps_andAdamThreeSteps_matchPyTorch() {
        Golden golden = Golden.load("tiny_resnet18", 18);
        for (Precision p : List.of(Precision.float64(), Precision.float32())) {
            afterSteps(p, golden, sgd(), 2, "sgd").assertWithin("tiny_resnet18 after 2 SGD steps on the " + p.name(),
                    p.tolerance());
            afterSteps(p, golden, pyTorchAdam(), 3, "adam").assertWithin("tiny_resnet18 after 3 Adam steps on the "
                    + p.name(), p.tolerance());
        }
    }

    @Test
    void tinyResNet18_adamWithDecoupledWeightDecay_matchesPyTorchAdamW() {
        afterSteps(Precision.float64(), Golden.load("tiny_resnet18", 18), pyTorchAdam().withWeightDecay(0.1), 3,
                "adamw").assertWithin("tiny_resnet18 after 3 AdamW steps", FLOAT64_TOLERANCE);
    }

    @Test
    void tinyResNet50_float64_sgdNesterovTwoSteps_andAdamThreeSteps_matchPyTorch() {
        Golden golden = Golden.load("tiny_resnet50", 50);
        afterSteps(Precision.float64(), golden, sgd(), 2, "sgd").assertWithin("tiny_resnet50 after 2 SGD steps",
                FLOAT64_TOLERANCE);
        afterSteps(Precision.float64(), golden, pyTorchAdam(), 3, "adam").assertWithin(
                "tiny_resnet50 after 3 Adam steps", FLOAT64_TOLERANCE);
    }

    /** The goldens can tell the epsilon forms apart: Keras' form, right for Keras, is wrong against PyTorch. */
    @Test
    void adamInKerasEpsilonForm_divergesFromPyTorchsSteps() {
        Comparison keras = afterSteps(Precision.float64(), Golden.load("tiny_resnet18", 18),
                Adam.of().withLearningRate(0.01).withEpsilon(1e-3), 3, "adam");
        assertThat(keras.diverging(FLOAT64_TOLERANCE)).hasSizeGreaterThan(10);
    }

    private static SafetensorsFile read(String fileName) {
        try (InputStream in = TorchvisionTrainingGoldenTest.class.getResourceAsStream(ROOT + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("No golden " + ROOT + fileName + " on the classpath");
            }
            Path temp = Files.createTempFile("resnet4j-golden-", ".safetensors");
            try {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                return Safetensors.read(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read golden " + fileName, e);
        }
    }
}
