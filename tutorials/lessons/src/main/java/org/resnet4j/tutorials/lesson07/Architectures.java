package org.resnet4j.tutorials.lesson07;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.resnet4j.models.resnet.BlockSettings;
import org.resnet4j.models.resnet.BlockType;
import org.resnet4j.models.resnet.Head;
import org.resnet4j.models.resnet.PaddingStyle;
import org.resnet4j.models.resnet.ResNetConfig;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.tensor.HostTensor;

/**
 * A weight file fits only the network it was trained in. These are the networks the lesson can load into: any
 * torchvision ResNet (recognised from the tensor names of its state_dict) and the two Keras ResNet-50s whose weight
 * files share one name but not one architecture.
 */
public final class Architectures {
    private static final Pattern BLOCK = Pattern.compile("layer([1-4])\\.(\\d+)\\..*");
    private static final int[] DEPTHS = {18, 34, 50, 101, 152};

    private Architectures() {
    }

    /**
     * The torchvision ResNet a state_dict belongs to: blocks per stage counted from the {@code layerL.B.} prefixes,
     * bottleneck when {@code layer1.0.conv3} exists, classes from {@code fc.weight}; a softmax head so that the
     * output is probabilities (torchvision's own {@code fc} returns logits).
     */
    public static ResNetConfig torchvision(Map<String, HostTensor> stateDict) {
        List<Set<Integer>> blocks = new ArrayList<>();
        for (int stage = 0; stage < 4; stage++) {
            blocks.add(new TreeSet<>());
        }
        for (String name : stateDict.keySet()) {
            Matcher m = BLOCK.matcher(name);
            if (m.matches()) {
                blocks.get(Integer.parseInt(m.group(1)) - 1).add(Integer.parseInt(m.group(2)));
            }
        }
        List<Integer> stages = blocks.stream().map(Set::size).toList();
        BlockType type = stateDict.containsKey("layer1.0.conv3.weight") ? BlockType.BOTTLENECK : BlockType.BASIC;
        HostTensor fc = stateDict.get("fc.weight");
        if (fc == null) {
            throw new IllegalArgumentException("A torchvision ResNet state_dict has fc.weight. Received tensors: "
                    + new TreeSet<>(stateDict.keySet()).stream().limit(8).toList() + " ...");
        }
        for (int depth : DEPTHS) {
            ResNetConfig config = ResNets.torchvisionConfig(depth);
            if (config.blockType() == type && config.stageBlocks().equals(stages)) {
                return config.withHead(Head.SOFTMAX).withClasses(fc.shape().dim(0));
            }
        }
        throw new IllegalArgumentException("The state_dict has " + type.toString().toLowerCase(Locale.ROOT)
                + " blocks per stage " + stages + ", which is no torchvision ResNet (18, 34, 50, 101 or 152)");
    }

    /**
     * The original Keras ResNet-50 that the seed tutorial loads {@code resnet50_weights_tf_dim_ordering_tf_kernels.h5}
     * into (Caffe-style names such as {@code res2a_branch2a}): a 3x3/2 max pool with no padding, BatchNorm epsilon
     * 1e-3 (the Keras default), convolutions with bias, the stride on the first 1x1 of a bottleneck.
     */
    public static ResNetConfig kerasSeed() {
        BlockSettings settings = BlockSettings.kerasApplications().withPadding(PaddingStyle.KERAS_SEED)
                .withBnEpsilon(1e-3);
        return ResNets.kerasApplicationsConfig(50).withSettings(settings).withName("resnet50_keras_seed");
    }

    /** Today's {@code keras.applications.ResNet50}: names like {@code conv2_block1_1_conv}, epsilon 1.001e-5. */
    public static ResNetConfig kerasApplications() {
        return ResNets.kerasApplicationsConfig(50);
    }
}
