package org.resnet4j.models.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.resnet4j.models.resnet.CifarShortcut;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.AveragePooling2D;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Dropout;
import org.resnet4j.nn.Flatten;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.nn.Softmax;
import org.resnet4j.nn.ZeroPadding2D;
import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The models the save-and-load tests use: small ResNet presets of every padding style, a CIFAR ResNet, a hand-built
 * one.
 */
final class SavedModels {
    private SavedModels() {
    }

    /** Small enough that the plain-loop reference backend runs each in well under a second. */
    static Map<String, Supplier<Model>> runnable() {
        Map<String, Supplier<Model>> models = new LinkedHashMap<>();
        models.put("torchvision ResNet-50, width 8, 32x32", () -> ResNet.build(ResNets.torchvisionConfig(50)
                .withBaseWidth(8).withClasses(10).withInputSize(32, 32)));
        models.put("keras.applications ResNet-18, width 8, 40x40", () -> ResNet.build(
                ResNets.kerasApplicationsConfig(18).withBaseWidth(8).withClasses(10).withInputSize(40, 40)));
        models.put("seed ResNet-50, width 4, 224x224", () -> ResNet.build(ResNets.kerasSeedConfig().withBaseWidth(4)
                .withClasses(10)));
        models.put("CIFAR ResNet-20, option A", () -> ResNets.cifar(20, CifarShortcut.A_ZERO_PAD));
        models.put("hand-built, two outputs", SavedModels::handBuilt);
        return models;
    }

    /**
     * What a student might write: automatic names, a rectangular kernel with explicit padding, a residual add, both
     * pools, dropout, flatten, a layer applied twice, and two outputs.
     */
    static Model handBuilt() {
        Node in = Input.of(16, 16, 3);
        Node x = ZeroPadding2D.of(1).apply(in);
        x = Conv2D.of(8, 3).withStrides(2).apply(x);
        x = BatchNormalization.of().apply(x);
        x = ReLU.of().apply(x);
        Node y = Conv2D.of(8, 1, 3).withPadding(Padding.explicit(0, 0, 1, 1)).withoutBias().apply(x);
        y = BatchNormalization.of().withEpsilon(1e-5).apply(y);
        x = Activation.of("relu").apply(Add.of().apply(x, y));
        Conv2D shared = Conv2D.of(8, 3).withPadding(Padding.SAME).named("shared_conv");
        x = shared.apply(shared.apply(x));
        Node pooled = MaxPooling2D.of(2).apply(x);
        Node avg = AveragePooling2D.of(3, 2).withPadding(Padding.SAME).apply(pooled);
        Node classes = Dense.of(5).apply(Dropout.of(0.3).apply(Flatten.of().apply(avg)));
        Node probabilities = Softmax.of().named("probabilities").apply(classes);
        Node embedding = Dense.of(4).withoutBias().named("embedding").apply(GlobalAveragePooling2D.of().apply(x));
        return Model.of("student_net", List.of(in), List.of(probabilities, embedding));
    }

    /**
     * Refills every parameter from {@code seed}, with BatchNorm statistics far from the 0/1 defaults so that a
     * mix-up of mean and variance, or of two layers, shows in the outputs.
     */
    static Model seeded(Model model, long seed) {
        model.initialize(seed);
        Random rng = new Random(seed ^ 0x5DEECE66DL);
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            boolean positive = name.endsWith("/gamma") || name.endsWith("/moving_variance");
            boolean centred = name.endsWith("/beta") || name.endsWith("/moving_mean") || name.endsWith("/bias");
            for (int i = 0; i < d.length && (positive || centred); i++) {
                d[i] = positive ? 0.5f + rng.nextFloat() : (float) (rng.nextGaussian() * 0.1);
            }
        }
        return model;
    }

    /** A batch of two random inputs for {@code model}'s first input. */
    static HostTensor input(Model model, long seed) {
        Shape shape = model.inputs().get(0).shape().withBatch(2);
        Random rng = new Random(seed);
        float[] d = new float[shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return HostTensor.of(shape, d);
    }
}
