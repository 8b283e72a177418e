package org.resnet4j.nn;

import java.util.List;
import org.resnet4j.tensor.Shape;

/**
 * The one rule for what a model may be fed, used by {@link Model#forward} and by every compiled model: one tensor per
 * input, each of rank one more than the input's sample shape, equal to it after the batch dimension, and one batch
 * size shared by all inputs.
 */
public final class InputShapes {
    private InputShapes() {
    }

    /**
     * Checks {@code received}, the shapes of the tensors fed to {@code model} in input order; throws an
     * {@link IllegalArgumentException} in the Keras form, for example
     * {@code Model "resnet50" input "input_1" expected shape [n, 224, 224, 3], received: [1, 224, 224]}.
     * A {@code null} shape stands for a missing tensor.
     */
    public static void check(Model model, List<Shape> received) {
        List<Node> inputs = model.inputs();
        if (received.size() != inputs.size()) {
            throw new IllegalArgumentException("Model \"" + model.name() + "\" expected " + inputs.size()
                    + " input(s), received: " + received.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            Shape sample = inputs.get(i).shape();
            Shape got = received.get(i);
            if (got == null || got.rank() != sample.rank() + 1 || !got.withoutBatch().equals(sample)) {
                throw new IllegalArgumentException(prefix(model, inputs.get(i)) + " expected shape "
                        + batched("n", sample) + ", received: " + got);
            }
        }
        // A model combines its inputs sample by sample (Add, for example), so they must agree on the batch size.
        for (int i = 1; i < inputs.size(); i++) {
            int batch = received.get(0).dim(0);
            Shape got = received.get(i);
            if (got.dim(0) != batch) {
                throw new IllegalArgumentException(prefix(model, inputs.get(i)) + " expected shape "
                        + batched(Integer.toString(batch), inputs.get(i).shape()) + " (the batch size of input \""
                        + inputs.get(0).layer().name() + "\"), received: " + got);
            }
        }
    }

    private static String prefix(Model model, Node input) {
        return "Model \"" + model.name() + "\" input \"" + input.layer().name() + "\"";
    }

    /** {@code [batch, d1, d2, ...]}: a sample shape with a named batch dimension in front. */
    private static String batched(String batch, Shape sample) {
        StringBuilder s = new StringBuilder("[").append(batch);
        for (int d : sample.toArray()) {
            s.append(", ").append(d);
        }
        return s.append(']').toString();
    }
}
