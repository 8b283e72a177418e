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
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.io.Safetensors;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.models.io.TorchvisionImporter;
import org.resnet4j.models.io.TorchvisionNames;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.Adam;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.Sgd;
import org.resnet4j.training.SparseCategoricalCrossentropy;

/**
 * PyTorch's float64 training goldens ({@code src/test/python/make_gradient_goldens.py}) and how a run is compared
 * with them: tiny torchvision ResNet-18 and ResNet-50 (base width 4, 10 classes, 2x64x64x3 input) built here with
 * torchvision's conventions, loaded with the goldens' weights, run through the tape in training mode on some ops;
 * every tensor compared by relative L2 error, a failure naming the first tensor, in the model's order, that
 * diverges. Used by {@code TorchvisionTrainingGoldenTest} (the float64 reference) and by
 * {@link TorchvisionTrainingGoldenContract} (each backend that trains).
 */
final class TrainingGoldens {
    private static final String ROOT = "/org/resnet4j/models/resnet/gradients/";

    private TrainingGoldens() {
    }

    /** One network's three golden files. */
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

    /** The model with the golden's initial weights, and those weights uploaded to some ops. */
    static final class Network implements AutoCloseable {
        final Model model;
        final Map<String, Tensor> weights = new LinkedHashMap<>();
        final Map<String, Tensor> trainable = new LinkedHashMap<>();
        private final Ops ops;
        private final GradientOps gradients;

        Network(Golden golden, Ops ops, GradientOps gradients) {
            this.ops = ops;
            this.gradients = gradients;
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
        Map<String, HostTensor> pass(Golden golden, Map<String, Tensor> gradientsOut) {
            try (GradientTape tape = GradientTape.on(ops, gradients); Tensor input = ops.upload(golden.input())) {
                Tensor logits = model.forward(tape, weights, List.of(input)).get(0);
                Tensor loss = SparseCategoricalCrossentropy.fromLogits().compute(tape, logits, golden.labels());
                Map<String, HostTensor> outputs = new LinkedHashMap<>();
                outputs.put("loss", tape.download(loss));
                outputs.put("logits", tape.download(logits));
                gradientsOut.putAll(tape.gradient(loss, trainable));
                return outputs;
            }
        }

        @Override
        public void close() {
            weights.values().forEach(Tensor::close);
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

        /** The largest error and the tensor it belongs to, for the record. */
        String largest() {
            int worst = 0;
            for (int i = 1; i < errors.size(); i++) {
                if (!(errors.get(i) <= errors.get(worst))) {
                    worst = i;
                }
            }
            return String.format("%.3g (%s)", errors.get(worst), names.get(worst));
        }

        void assertWithin(String what, double tolerance) {
            System.out.println(what + ": largest relative L2 error " + largest());
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
    static Map<String, Map.Entry<String, HostTensor>> expected(SafetensorsFile file, String prefix) {
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

    /** The loss, the logits, every gradient and the moving statistics after one pass, against the golden. */
    static Comparison gradientsAndStatistics(Ops ops, GradientOps gradientOps, Golden golden) {
        try (Network net = new Network(golden, ops, gradientOps)) {
            Map<String, Tensor> gradients = new LinkedHashMap<>();
            Map<String, HostTensor> outputs = net.pass(golden, gradients);
            try {
                Map<String, Map.Entry<String, HostTensor>> expected = expected(golden.gradients(), "");
                Comparison c = new Comparison();
                c.add("loss", outputs.get("loss"), golden.gradients().tensor("loss"));
                c.add("logits", outputs.get("logits"), golden.gradients().tensor("logits"));
                for (String name : net.model.parameters().names()) {
                    Map.Entry<String, HostTensor> e = expected.get(name);
                    assertThat(e).as("the golden holds " + name).isNotNull();
                    // Trainable: the gradient; moving statistics: their value after the training-mode pass.
                    HostTensor actual = net.trainable.containsKey(name) ? ops.download(gradients.get(name))
                            : ops.download(net.weights.get(name));
                    c.add(name + " (" + e.getKey() + ")", actual, e.getValue());
                }
                assertThat(expected).hasSameSizeAs(net.model.parameters().names());
                return c;
            } finally {
                gradients.values().forEach(Tensor::close);
            }
        }
    }

    /** The trainable parameters after {@code steps} steps of {@code optimizer}, against the golden's. */
    static Comparison afterSteps(Ops ops, GradientOps gradientOps, Golden golden, Optimizer optimizer, int steps,
            String prefix) {
        try (Network net = new Network(golden, ops, gradientOps); optimizer) {
            for (int i = 0; i < steps; i++) {
                Map<String, Tensor> gradients = new LinkedHashMap<>();
                net.pass(golden, gradients);
                optimizer.apply(ops, gradientOps, net.trainable, gradients);
                gradients.values().forEach(Tensor::close);
            }
            Map<String, Map.Entry<String, HostTensor>> expected = expected(golden.steps(), prefix + "/");
            assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(net.trainable.keySet());
            Comparison c = new Comparison();
            net.trainable.forEach((name, t) -> c.add(name + " (" + expected.get(name).getKey() + ")",
                    ops.download(t), expected.get(name).getValue()));
            return c;
        }
    }

    /** The goldens' SGD: learning rate 0.1, momentum 0.9, Nesterov. */
    static Sgd sgd() {
        return Sgd.of(0.1).withMomentum(0.9).withNesterov();
    }

    /** The goldens' Adam: learning rate 0.01, PyTorch's epsilon 1e-3 (large on purpose). */
    static Adam pyTorchAdam() {
        return Adam.of().withLearningRate(0.01).withEpsilon(1e-3).withPyTorchEpsilon();
    }

    private static SafetensorsFile read(String fileName) {
        try (InputStream in = TrainingGoldens.class.getResourceAsStream(ROOT + fileName)) {
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
