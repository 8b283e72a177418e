package org.resnet4j.tutorials.lesson11.solutions;

import java.util.HashMap;
import java.util.Map;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Backend;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.Sgd;

/**
 * Exercise 3: the paper's weight decay in ResNet4J's form. The paper (Caffe, and PyTorch's {@code SGD}) adds
 * {@code decay * w} to the gradient, and momentum accumulates it: {@code v = m v + g + decay w}, {@code w -= lr v}.
 * ResNet4J, like Keras and PyTorch's AdamW, decays outside the momentum: {@code w -= lr * decay * w} once per step.
 * With no gradient from the loss, the first shrinks the weight by about {@code lr * decay / (1 - m)} per step once the
 * velocity has built up, the second by {@code lr * decay}: with momentum 0.9 the paper's 1e-4 is 1e-3 here.
 */
public final class Exercise3Solution {
    private Exercise3Solution() {
    }

    /** A weight of 1 after {@code steps} steps of ResNet4J's {@link Sgd} with a zero gradient, on {@code backend}. */
    public static double decoupled(Backend backend, double learningRate, double momentum, double decay, int steps) {
        Ops ops = backend.ops();
        GradientOps gradients = GradientOps.require(ops);
        Sgd sgd = Sgd.of(learningRate).withMomentum(momentum).withWeightDecay(decay);
        Map<String, Tensor> weights = new HashMap<>();
        weights.put("w", ops.upload(HostTensor.of(Shape.of(1), new float[] {1f})));
        try {
            for (int i = 0; i < steps; i++) {
                try (Tensor zero = ops.upload(HostTensor.of(Shape.of(1), new float[] {0f}))) {
                    sgd.apply(ops, gradients, weights, Map.of("w", zero));
                }
            }
            return ops.download(weights.get("w")).data()[0];
        } finally {
            weights.values().forEach(Tensor::close);
            sgd.close();
        }
    }

    /** The same weight under the paper's rule (decay in the gradient, through the momentum), in double. */
    public static double coupled(double learningRate, double momentum, double decay, int steps) {
        double w = 1;
        double v = 0;
        for (int i = 0; i < steps; i++) {
            v = momentum * v + decay * w;
            w -= learningRate * v;
        }
        return w;
    }
}
