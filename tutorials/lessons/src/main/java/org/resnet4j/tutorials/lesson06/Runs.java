package org.resnet4j.tutorials.lesson06;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/** The small tools lesson 6 needs: seeded data, running a model on a backend, and comparing two results. */
public final class Runs {
    private Runs() {
    }

    /** Runs {@code model} once on {@code backend} through its compiled path. */
    public static HostTensor predict(Backend backend, Model model, HostTensor input) {
        try (CompiledModel compiled = backend.compile(model)) {
            return compiled.predict(input);
        }
    }

    /**
     * Runs {@code model} node by node on {@code backend}'s ops and keeps a host copy of every node's output, keyed
     * by layer name: {@link Model#forward} calls the listener before it releases each intermediate tensor.
     */
    public static Map<String, HostTensor> everyLayer(Backend backend, Model model, HostTensor input) {
        Map<String, HostTensor> seen = new LinkedHashMap<>();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        model.parameters().asMap().forEach((name, value) -> weights.put(name, backend.ops().upload(value)));
        List<Tensor> inputs = new ArrayList<>(List.of(backend.ops().upload(input)));
        try {
            model.forward(backend.ops(), weights, inputs,
                    (node, output) -> seen.put(node.layer().name(), backend.ops().download(output)))
                    .forEach(Tensor::close);
        } finally {
            inputs.forEach(Tensor::close);
            weights.values().forEach(Tensor::close);
        }
        return seen;
    }

    /**
     * Gives every BatchNormalization layer of {@code model} the kind of statistics a trained network has. A fresh
     * model's BatchNorm is the identity (gamma 1, beta 0, mean 0, variance 1), which would hide any backend that
     * mishandles one of the four vectors.
     */
    public static void trainedLookingBatchNorm(Model model, long seed) {
        Random rng = new Random(seed);
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            boolean scale = name.endsWith("/gamma") || name.endsWith("/moving_variance");
            boolean shift = name.endsWith("/beta") || name.endsWith("/moving_mean");
            for (int i = 0; i < d.length && (scale || shift); i++) {
                d[i] = scale ? 0.5f + rng.nextFloat() : (float) (0.1 * rng.nextGaussian());
            }
        }
    }
}
