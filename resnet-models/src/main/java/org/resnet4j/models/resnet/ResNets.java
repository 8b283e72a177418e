package org.resnet4j.models.resnet;

import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Model;

/** Ready-made networks: the presets most users want, each one line. */
public final class ResNets {
    private ResNets() {
    }

    /**
     * torchvision's {@code resnetDEPTH}: symmetric padding, stride on the 3x3 ("v1.5"), no conv bias, epsilon
     * 1e-5, and a head that returns logits as torchvision's {@code fc} does (apply a softmax yourself for
     * probabilities). Its weights import from torchvision by name.
     */
    public static ResNetConfig torchvisionConfig(int depth) {
        return ResNetConfig.ofDepth(depth);
    }

    /** The model of {@link #torchvisionConfig}. */
    public static Model torchvision(int depth) {
        return ResNet.build(torchvisionConfig(depth));
    }

    /**
     * keras.applications' {@code ResNetDEPTH} (v1): zero-padding layers before the stem conv and pool, stride
     * on the first 1x1, conv bias on, epsilon 1.001e-5, softmax head. keras.applications defines 50, 101 and
     * 152; 18 and 34 are built with the same conventions and basic blocks.
     */
    public static ResNetConfig kerasApplicationsConfig(int depth) {
        return ResNetConfig.ofDepth(depth).withSettings(BlockSettings.kerasApplications()).withHead(Head.SOFTMAX);
    }

    /** The model of {@link #kerasApplicationsConfig}. */
    public static Model kerasApplications(int depth) {
        return ResNet.build(kerasApplicationsConfig(depth));
    }

    /**
     * The original Keras ResNet50 that the seed tutorial writes out and fills with
     * {@code model.load_weights("resnet50_weights_tf_dim_ordering_tf_kernels.h5")}: {@code ZeroPadding2D(3)} then a
     * 7x7/2 {@code VALID} convolution, a 3x3/2 {@code VALID} max pool without padding (55x55), {@code SAME} 3x3
     * convolutions, the stride on the first 1x1 of each downsampling bottleneck, a bias on every convolution,
     * BatchNormalization epsilon 1e-3 (Keras' default), then a 7x7 average pool, {@code Flatten} and a 1000-way dense
     * layer with softmax. Named {@code resnet50} as in the seed; layers use keras.applications names.
     */
    public static ResNetConfig kerasSeedConfig() {
        BlockSettings seed = new BlockSettings(PaddingStyle.KERAS_SEED, StridePlacement.FIRST_1X1, true,
                BatchNormalization.DEFAULT_EPSILON);
        return ResNetConfig.ofDepth(50).withSettings(seed).withHead(Head.AVERAGE_POOL_7X7_FLATTEN_SOFTMAX);
    }

    /** The model of {@link #kerasSeedConfig()}; {@code KerasH5Weights.loadSeedResNet50} also fills its weights. */
    public static Model kerasSeedResNet50() {
        return ResNet.build(kerasSeedConfig());
    }

    /** The paper's CIFAR-10 ResNet of depth {@code 6n + 2}. */
    public static Model cifar(int depth, CifarShortcut shortcut) {
        return CifarResNet.build(depth, shortcut);
    }

    /** The seed blog's Keras ResNet-18, departures from the paper included. */
    public static Model blogResNet18() {
        return BlogResNet.resnet18();
    }

    /** The seed post's MNIST "ResNet-18" (preset {@code mnist-resnet18}), 28x28x1 input, ten classes. */
    public static Model mnistResNet18() {
        return MnistResNet.resnet18();
    }
}
