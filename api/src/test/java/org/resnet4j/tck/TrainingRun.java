package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.SparseCategoricalCrossentropy;

/**
 * A few training steps of a model on one backend's ops, on the tape, with everything a step produces downloaded in
 * order (the loss and every trainable parameter's gradient of each step, then every parameter, moving statistics
 * included, after the last step), and the comparison of two such runs naming the first tensor that diverges.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    /**
     * Trains {@code model} from its own parameters for {@code steps} steps of {@code optimizer} on {@code images}
     * and {@code labels} (mean sparse softmax cross-entropy of the model's first output, its logits).
     *
     * @return named tensors in a fixed order: {@code step 1 loss}, {@code step 1 gradient of NAME}, ...,
     *         {@code after 2 steps: NAME}
     */
    public static Map<String, HostTensor> run(Ops ops, Model model, HostTensor images, int[] labels, int steps,
            Optimizer optimizer) {
        GradientOps gradientOps = GradientOps.require(ops);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> trainable = new LinkedHashMap<>();
        try (Tensor x = ops.upload(images)) {
            for (String name : model.parameters().names()) {
                Tensor w = ops.upload(model.parameters().get(name));
                weights.put(name, w);
                if (model.parameters().spec(name).trainable()) {
                    trainable.put(name, w);
                }
            }
            for (int step = 1; step <= steps; step++) {
                try (GradientTape tape = GradientTape.on(ops)) {
                    Tensor logits = model.forward(tape, weights, List.of(x)).get(0);
                    Tensor loss = SparseCategoricalCrossentropy.fromLogits().compute(tape, logits, labels);
                    out.put("step " + step + " loss", tape.download(loss));
                    Map<String, Tensor> gradients = tape.gradient(loss, trainable);
                    try {
                        for (Map.Entry<String, Tensor> g : gradients.entrySet()) {
                            out.put("step " + step + " gradient of " + g.getKey(), ops.download(g.getValue()));
                        }
                        optimizer.apply(ops, gradientOps, trainable, gradients);
                    } finally {
                        gradients.values().forEach(Tensor::close);
                    }
                }
            }
            for (Map.Entry<String, Tensor> w : weights.entrySet()) {
                out.put("after " + steps + " steps: " + w.getKey(), ops.download(w.getValue()));
            }
            return out;
        } finally {
            weights.values().forEach(Tensor::close);
            optimizer.close();
        }
    }

    /**
     * Asserts that two runs hold the same names and that every tensor of {@code actual} is within
     * {@code relativeL2Tolerance} of {@code expected}; the failure names the first tensor (in the runs' order)
     * that diverges, its error, and how many others diverge.
     */
    public static void assertSameRun(String what, Map<String, HostTensor> actual, Map<String, HostTensor> expected,
            double relativeL2Tolerance) {
        if (!actual.keySet().equals(expected.keySet())) {
            fail(what + ": expected the tensors " + expected.keySet() + ". Received: " + actual.keySet());
        }
        List<String> diverging = new ArrayList<>();
        String first = null;
        for (Map.Entry<String, HostTensor> e : expected.entrySet()) {
            HostTensor a = actual.get(e.getKey());
            String problem = null;
            if (!a.shape().equals(e.getValue().shape())) {
                problem = "shape " + a.shape() + " instead of " + e.getValue().shape();
            } else {
                double error = TensorComparison.relativeL2Error(a, e.getValue());
                if (!(error <= relativeL2Tolerance)) {
                    problem = String.format("relative L2 error %.3e (allowed %.1e)", error, relativeL2Tolerance);
                }
            }
            if (problem != null) {
                diverging.add(e.getKey());
                if (first == null) {
                    first = "\"" + e.getKey() + "\": " + problem;
                }
            }
        }
        if (first != null) {
            fail(what + ": the first tensor that diverges is " + first + "; " + diverging.size() + " of "
                    + expected.size() + " tensors diverge: " + diverging);
        }
    }

    /** The largest relative L2 error over all tensors of two runs with the same names (for reports). */
    public static double largestError(Map<String, HostTensor> actual, Map<String, HostTensor> expected) {
        double largest = 0;
        for (Map.Entry<String, HostTensor> e : expected.entrySet()) {
            largest = Math.max(largest, TensorComparison.relativeL2Error(actual.get(e.getKey()), e.getValue()));
        }
        return largest;
    }
}
