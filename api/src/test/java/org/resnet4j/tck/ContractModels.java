package org.resnet4j.tck;

import java.util.List;
import java.util.Random;
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
import org.resnet4j.nn.ParameterStore;
import org.resnet4j.tensor.Shape;

/** Small models for the model-level contract tests, built with the public layers. */
public final class ContractModels {
    private ContractModels() {
    }

    /**
     * A miniature ResNet on a 12x10x3 input: stem (conv 3x3/2 SAME, BN, ReLU, zero padding, max pool), a residual
     * block with a projection shortcut, average pooling, and three outputs: the global average pool, the logits
     * of a Flatten-Dense-Dropout-Dense head and their softmax. Biases and BatchNorm statistics are non-trivial.
     */
    public static Model smallResidualNet() {
        Node x = Input.of(12, 10, 3);
        Node y = Conv2D.of(8, 3).withStrides(2).withPadding(Padding.SAME).withoutBias().named("stem_conv").apply(x);
        y = BatchNormalization.of().named("stem_bn").apply(y);
        y = ReLU.of().named("stem_relu").apply(y);
        y = ZeroPadding2D.of(1).named("stem_pad").apply(y);
        y = MaxPooling2D.of(3, 2).named("stem_pool").apply(y);
        Node branch = Conv2D.of(5, 3).withPadding(Padding.SAME).named("block_conv").apply(y);
        branch = BatchNormalization.of().withEpsilon(1e-5).named("block_bn").apply(branch);
        Node shortcut = Conv2D.of(5, 1).named("block_shortcut").apply(y);
        Node sum = Add.of().named("block_add").apply(branch, shortcut);
        sum = Activation.of("relu").named("block_out").apply(sum);
        Node pooled = AveragePooling2D.of(2, 1).withPadding(Padding.SAME).named("avg_pool").apply(sum);
        Node gap = GlobalAveragePooling2D.of().named("gap").apply(pooled);
        Node flat = Flatten.of().named("flatten").apply(pooled);
        Node hidden = Dense.of(6).named("hidden").apply(flat);
        hidden = Dropout.of(0.3).named("dropout").apply(hidden);
        Node logits = Dense.of(4).withoutBias().named("logits").apply(hidden);
        Node probabilities = Softmax.of().named("probabilities").apply(logits);
        Model model = Model.of("contract_net", List.of(x), List.of(gap, logits, probabilities));
        makeNonTrivial(model.parameters(), new Random(2024));
        return model;
    }

    /**
     * A miniature ResNet to train on a 12x10x3 input, with one output (the logits): asymmetric zero padding, a
     * stride-2 SAME stem convolution on an even size (SAME's extra row and column at the bottom and right), batch
     * norm, ReLU, a SAME max pool, an identity block (the residual add fans its gradient out to both branches), a
     * projection block with stride 2 (on 7x6: symmetric padding in height, one extra column on the right), average
     * pooling with SAME padding, global average pooling, dropout and a dense head. No convolution
     * before a batch norm has a bias (its gradient would be rounding noise). Gammas, betas and the head's bias are
     * non-trivial; two batch norms use momentum 0.9 so that the moving statistics move visibly.
     */
    public static Model smallTrainingNet() {
        Node x = Input.of(12, 10, 3);
        Node y = ZeroPadding2D.of(1, 1, 0, 2).named("stem_pad").apply(x);
        y = Conv2D.of(6, 3).withStrides(2).withPadding(Padding.SAME).withoutBias().named("stem_conv").apply(y);
        y = BatchNormalization.of().withMomentum(0.9).named("stem_bn").apply(y);
        y = ReLU.of().named("stem_relu").apply(y);
        y = MaxPooling2D.of(3, 1).withPadding(Padding.SAME).named("stem_pool").apply(y);
        Node main = convBnRelu(y, 6, 3, 1, "a1");
        main = convBn(main, 6, 3, 1, "a2");
        y = ReLU.of().named("a_out").apply(Add.of().named("a_add").apply(y, main));
        Node shortcut = convBn(y, 8, 1, 2, "b0");
        main = convBnRelu(y, 8, 3, 2, "b1");
        main = convBn(main, 8, 3, 1, "b2");
        y = ReLU.of().named("b_out").apply(Add.of().named("b_add").apply(shortcut, main));
        y = AveragePooling2D.of(2, 1).withPadding(Padding.SAME).named("avg_pool").apply(y);
        y = GlobalAveragePooling2D.of().named("gap").apply(y);
        y = Dropout.of(0.25).named("dropout").apply(y);
        Node logits = Dense.of(4).named("logits").apply(y);
        Model model = Model.of("training_net", List.of(x), List.of(logits));
        Random random = new Random(2025);
        for (String name : model.parameters().names()) {
            Shape shape = model.parameters().shape(name);
            if (name.endsWith("/bias") || name.endsWith("/beta")) {
                model.parameters().set(name, OpRunner.gaussian(random, 0.3, shape.toArray()));
            } else if (name.endsWith("/gamma")) {
                model.parameters().set(name, OpRunner.uniform(random, 0.5, 1.5, shape.toArray()));
            }
        }
        return model;
    }

    private static Node convBn(Node x, int filters, int kernel, int stride, String name) {
        Node conv = Conv2D.of(filters, kernel).withStrides(stride).withPadding(Padding.SAME).withoutBias()
                .named(name + "_conv").apply(x);
        BatchNormalization bn = BatchNormalization.of().withEpsilon(1e-5);
        return (name.equals("b1") ? bn.withMomentum(0.9) : bn).named(name + "_bn").apply(conv);
    }

    private static Node convBnRelu(Node x, int filters, int kernel, int stride, String name) {
        return ReLU.of().named(name + "_relu").apply(convBn(x, filters, kernel, stride, name));
    }

    /** Replaces the zero biases and the identity BatchNorm statistics so that a backend ignoring them fails. */
    private static void makeNonTrivial(ParameterStore parameters, Random random) {
        for (String name : parameters.names()) {
            Shape shape = parameters.shape(name);
            if (name.endsWith("/bias") || name.endsWith("/beta") || name.endsWith("/moving_mean")) {
                parameters.set(name, OpRunner.gaussian(random, 0.3, shape.toArray()));
            } else if (name.endsWith("/gamma")) {
                parameters.set(name, OpRunner.uniform(random, 0.5, 1.5, shape.toArray()));
            } else if (name.endsWith("/moving_variance")) {
                parameters.set(name, OpRunner.uniform(random, 0.5, 2.0, shape.toArray()));
            }
        }
    }
}
