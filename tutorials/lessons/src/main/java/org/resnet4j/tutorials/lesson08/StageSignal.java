package org.resnet4j.tutorials.lesson08;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * Measures how large the activations are at chosen layers while a model runs: the root mean square of each chosen
 * layer's output, seen through {@link Model#forward}'s listener and computed in double.
 */
public final class StageSignal {
    private StageSignal() {
    }

    /** The root mean square of the outputs of {@code layers}, in execution order, for one forward pass. */
    public static Map<String, Double> rms(Backend backend, Model model, HostTensor input, Set<String> layers) {
        Map<String, Double> result = new LinkedHashMap<>();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        model.parameters().asMap().forEach((name, value) -> weights.put(name, backend.ops().upload(value)));
        List<Tensor> inputs = new ArrayList<>(List.of(backend.ops().upload(input)));
        try {
            model.forward(backend.ops(), weights, inputs, (node, output) -> {
                if (layers.contains(node.layer().name())) {
                    result.put(node.layer().name(), rms(backend.ops().download(output)));
                }
            }).forEach(Tensor::close);
        } finally {
            inputs.forEach(Tensor::close);
            weights.values().forEach(Tensor::close);
        }
        return result;
    }

    /** {@code sqrt(mean(x^2))}; infinite or NaN when the tensor holds such values. */
    public static double rms(HostTensor t) {
        double sum = 0;
        for (float v : t.data()) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / t.size());
    }
}
