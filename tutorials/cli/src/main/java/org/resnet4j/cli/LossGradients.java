package org.resnet4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Dropout;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.Softmax;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.TrainingNotSupportedException;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.training.SparseCategoricalCrossentropy;

/**
 * The computation behind {@code resnet4j gradients}: one forward pass in training mode (BatchNormalization on the
 * batch's statistics) recorded on a {@link GradientTape}, the mean softmax cross-entropy of the model's logits
 * against class labels, and the gradient of that loss with respect to every trainable parameter.
 */
final class LossGradients {
    private LossGradients() {
    }

    /**
     * The loss and the gradients.
     *
     * @param loss      the batch-mean softmax cross-entropy
     * @param gradients one per trainable parameter, under the model's parameter names and in its layouts, in the
     *                  model's parameter order
     */
    record Result(float loss, Map<String, HostTensor> gradients) {
    }

    /**
     * The part of {@code model} that computes its logits: the output of its last {@link Dense} layer, found by
     * stepping back over a trailing {@link Softmax} (or softmax {@link Activation}) and {@link Dropout}. The model
     * itself when it already ends in its dense layer; otherwise a model over the same layers (so the same parameter
     * names) that stops there. Dropout is left out with the softmax: the gradients are those of the deterministic
     * network, which PyTorch reproduces.
     *
     * @throws IllegalArgumentException when no dense layer is reached that way
     */
    static Model logitsOf(Model model) {
        Node output = model.outputs().get(0);
        Node node = output;
        while (isSoftmax(node) || node.layer() instanceof Dropout) {
            node = node.inputs().get(0);
        }
        if (model.outputs().size() != 1 || !(node.layer() instanceof Dense)) {
            throw new IllegalArgumentException("gradients expects a model with one output, the logits of a Dense "
                    + "layer, possibly followed by dropout and softmax. Received: " + model.name() + " with outputs "
                    + model.outputs());
        }
        return node == output ? model : Model.of(model.name(), model.inputs(), List.of(node));
    }

    private static boolean isSoftmax(Node node) {
        return node.layer() instanceof Softmax
                || node.layer() instanceof Activation a && a.function().equals("softmax");
    }

    /**
     * Runs the pass on {@code ops} through {@link #logitsOf model's logits}, with the weights {@code model} holds
     * now. The moving statistics updated by the pass stay on the backend; the model's own parameters are not
     * changed.
     *
     * @param backendName names the backend when its ops cannot train
     * @param images      NHWC images the model was built for
     * @param labels      one class index per image, each in {@code [0, classes)}
     * @throws TrainingNotSupportedException when {@code ops} have no backward primitives
     */
    static Result compute(Ops ops, String backendName, Model model, HostTensor images, int[] labels) {
        if (!(ops instanceof GradientOps gradientOps)) {
            throw new TrainingNotSupportedException("the " + backendName + " backend (" + ops + ")");
        }
        Model logitsModel = logitsOf(model);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> trainable = new LinkedHashMap<>();
        Map<String, Tensor> gradients = new LinkedHashMap<>();
        try (Tensor x = ops.upload(images); GradientTape tape = GradientTape.on(ops, gradientOps)) {
            // The names of the logits' model, the values of the model: a model built over the same layers has its
            // own (seeded) store.
            for (String name : logitsModel.parameters().names()) {
                Tensor t = ops.upload(model.parameters().get(name));
                weights.put(name, t);
                if (model.parameters().spec(name).trainable()) {
                    trainable.put(name, t);
                }
            }
            Tensor logits = logitsModel.forward(tape, weights, List.of(x)).get(0);
            Tensor loss = SparseCategoricalCrossentropy.fromLogits().compute(tape, logits, labels);
            float lossValue = tape.download(loss).data()[0];
            gradients.putAll(tape.gradient(loss, trainable));
            Map<String, HostTensor> downloaded = new LinkedHashMap<>();
            trainable.keySet().forEach(name -> downloaded.put(name, ops.download(gradients.get(name))));
            return new Result(lossValue, downloaded);
        } finally {
            gradients.values().forEach(Tensor::close);
            weights.values().forEach(Tensor::close);
        }
    }
}
