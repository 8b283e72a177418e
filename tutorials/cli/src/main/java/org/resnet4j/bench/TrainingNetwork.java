package org.resnet4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.Softmax;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The networks {@link TrainingStepBenchmark} trains, with the input, classes and batch that issue #15 names for
 * each, and the seeded synthetic batch every backend gets. Both return logits (the loss applies the softmax), as the
 * PyTorch peer's {@code nn.CrossEntropyLoss} expects.
 */
enum TrainingNetwork {
    /** torchvision's ResNet-50, 224x224x3 images, 1000 classes, batch 8. */
    RESNET50("resnet50", "torchvision ResNet-50", 224, 3, 1000, 8),
    /**
     * The seed post's "ResNet-18" ({@code mnist-resnet18}), 28x28x1 images, 10 classes, batch 128, without the
     * softmax layer after its dense head.
     */
    MNIST_RESNET18("mnist-resnet18", "the seed's ResNet-18 (mnist-resnet18, logits)", 28, 1, 10, 128);

    static final long IMAGE_SEED = 2015L;
    static final long LABEL_SEED = 2016L;

    private final String id;
    private final String description;
    private final int side;
    private final int channels;
    private final int classes;
    private final int defaultBatch;

    TrainingNetwork(String id, String description, int side, int channels, int classes, int defaultBatch) {
        this.id = id;
        this.description = description;
        this.side = side;
        this.channels = channels;
        this.classes = classes;
        this.defaultBatch = defaultBatch;
    }

    /** The name on the command line and in the record lines. */
    String id() {
        return id;
    }

    /** What it is, for the log. */
    String description() {
        return description;
    }

    int classes() {
        return classes;
    }

    /** The batch issue #15 times it at. */
    int defaultBatch() {
        return defaultBatch;
    }

    /** The shape of a batch of {@code n} images, NHWC. */
    Shape inputShape(int n) {
        return Shape.of(n, side, side, channels);
    }

    /** The network with its default seeded weights, ending in logits. */
    Model model() {
        return switch (this) {
            case RESNET50 -> ResNets.torchvision(50);
            case MNIST_RESNET18 -> withoutFinalSoftmax(ResNets.mnistResNet18());
        };
    }

    /** {@code n} images of normally distributed pixels, the same on every backend. */
    HostTensor images(int n) {
        Random rng = new Random(IMAGE_SEED);
        float[] data = new float[inputShape(n).size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextGaussian();
        }
        return HostTensor.of(inputShape(n), data);
    }

    /** {@code n} class indices drawn uniformly from {@code [0, classes)}, the same on every backend. */
    int[] labels(int n) {
        Random rng = new Random(LABEL_SEED);
        int[] labels = new int[n];
        Arrays.setAll(labels, i -> rng.nextInt(classes));
        return labels;
    }

    /** The network named {@code id}. */
    static TrainingNetwork named(String id) {
        return Arrays.stream(values()).filter(n -> n.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("TrainingStepBenchmark expects a network among "
                        + ids() + ". Received: \"" + id + "\""));
    }

    /** Every network's name, in declaration order. */
    static List<String> ids() {
        return Arrays.stream(values()).map(TrainingNetwork::id).toList();
    }

    /**
     * {@code model} up to the input of its last layer when that layer is a {@link Softmax}: the same layers and
     * parameters, returning the scores the softmax would have turned into probabilities.
     */
    static Model withoutFinalSoftmax(Model model) {
        Node output = model.outputs().get(0);
        if (model.outputs().size() != 1 || !(output.layer() instanceof Softmax)) {
            return model;
        }
        return Model.of(model.name() + "_logits", model.inputs(), List.of(output.inputs().get(0)));
    }
}
