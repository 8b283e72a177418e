package org.resnet4j.cli;

import org.resnet4j.tensor.HostTensor;

/**
 * Class labels as the command line reads them: an int64 or int32 tensor {@code [batch]} of class indices (what
 * PyTorch's {@code F.cross_entropy} takes), checked against the batch and the model's classes before any backend
 * runs, so that a mistake is named by index and value rather than surfacing inside the loss.
 */
final class LabelTensors {
    private LabelTensors() {
    }

    /**
     * The class indices of {@code labels}.
     *
     * @param batch   the number of images the labels belong to
     * @param classes the width of the model's logits
     * @param model   the model's name, for messages
     * @throws IllegalArgumentException for a tensor that is not integer, not of shape {@code [batch]}, or holds a
     *                                  value outside {@code [0, classes)}
     */
    static int[] classIndices(TensorFileArgument.Content labels, int batch, int classes, String model) {
        HostTensor t = labels.tensor();
        if (!labels.dtype().equals("I64") && !labels.dtype().equals("I32")) {
            throw new IllegalArgumentException("--labels expects integer class indices (int64 or int32). Received: "
                    + "tensor \"" + labels.name() + "\" of " + labels.dtype());
        }
        if (t.shape().rank() != 1) {
            throw new IllegalArgumentException("--labels expects shape [" + batch + "], one class index per image. "
                    + "Received: tensor \"" + labels.name() + "\" of shape=" + t.shape());
        }
        if (t.shape().dim(0) != batch) {
            throw new IllegalArgumentException("--labels expects one class index per image of --input: " + batch
                    + " labels. Received: " + t.shape().dim(0) + " labels in tensor \"" + labels.name() + "\"");
        }
        int[] indices = new int[batch];
        float[] values = t.data();
        for (int i = 0; i < batch; i++) {
            // Read exactly: the safetensors reader refuses integers that float32 would round.
            long value = (long) values[i];
            if (value < 0 || value >= classes) {
                throw new IllegalArgumentException("--labels expects class indices in [0, " + classes + ") ("
                        + model + " has " + classes + " classes). Received: " + value + " at index " + i);
            }
            indices[i] = (int) value;
        }
        return indices;
    }
}
