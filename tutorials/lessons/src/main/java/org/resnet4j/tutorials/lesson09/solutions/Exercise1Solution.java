package org.resnet4j.tutorials.lesson09.solutions;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ParameterStore;
import org.resnet4j.tutorials.lesson09.FoldingByHand;

/**
 * Exercise 1: fold every BatchNorm of a network into the convolution before it. The graph is rebuilt node by node in
 * its (topological) order; a convolution read only by a BatchNorm is replaced, together with that BatchNorm, by one
 * convolution with a bias and the convolution's name, and every other layer is applied unchanged to the rebuilt
 * inputs. Weights are copied, and the folded ones computed with {@link FoldingByHand}.
 */
public final class Exercise1Solution {
    private Exercise1Solution() {
    }

    /** A model that computes what {@code model} computes, without the BatchNorm layers that follow a convolution. */
    public static Model foldAll(Model model) {
        Map<Node, Node> bnOfConv = foldablePairs(model);
        Map<Node, Node> rebuilt = new IdentityHashMap<>();
        Map<String, BatchNormalization> bnOfFoldedLayer = new LinkedHashMap<>();
        for (Node n : model.nodes()) {
            if (n.layer() instanceof Input) {
                rebuilt.put(n, Input.named(n.layer().name(), n.shape().toArray()));
            } else if (bnOfConv.containsKey(n)) {
                continue; // built together with its BatchNorm, which comes later in the order
            } else if (bnOfConv.containsValue(n)) {
                Node convNode = n.inputs().get(0);
                Conv2D conv = (Conv2D) convNode.layer();
                Conv2D withBias = Conv2D.of(conv.filters(), conv.kernelHeight(), conv.kernelWidth())
                        .withStrides(conv.strideHeight(), conv.strideWidth()).withPadding(conv.padding())
                        .named(conv.name());
                rebuilt.put(n, withBias.apply(rebuilt.get(convNode.inputs().get(0))));
                bnOfFoldedLayer.put(conv.name(), (BatchNormalization) n.layer());
            } else {
                rebuilt.put(n, n.layer().apply(n.inputs().stream().map(rebuilt::get).toArray(Node[]::new)));
            }
        }
        Model folded = Model.of(model.name() + "_folded", model.inputs().stream().map(rebuilt::get).toList(),
                model.outputs().stream().map(rebuilt::get).toList());
        copyWeights(model.parameters(), folded.parameters(), bnOfFoldedLayer);
        return folded;
    }

    /** Convolution node -> the BatchNorm node that is its only reader; a convolution that is an output stays. */
    private static Map<Node, Node> foldablePairs(Model model) {
        Map<Node, Integer> readers = new IdentityHashMap<>();
        for (Node n : model.nodes()) {
            for (Node in : n.inputs()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        Map<Node, Node> pairs = new IdentityHashMap<>();
        for (Node n : model.nodes()) {
            if (n.layer() instanceof BatchNormalization) {
                Node in = n.inputs().get(0);
                if (in.layer() instanceof Conv2D && readers.get(in) == 1 && !model.outputs().contains(in)) {
                    pairs.put(in, n);
                }
            }
        }
        return pairs;
    }

    private static void copyWeights(ParameterStore from, ParameterStore to,
            Map<String, BatchNormalization> bnOfFoldedLayer) {
        for (String name : to.names()) {
            String layer = name.substring(0, name.indexOf('/'));
            BatchNormalization bn = bnOfFoldedLayer.get(layer);
            if (bn == null) {
                to.set(name, from.get(name).copy());
                continue;
            }
            String b = bn.name() + "/";
            double[] s = FoldingByHand.scale(from.get(b + "gamma"), from.get(b + "moving_variance"), bn.epsilon());
            if (name.endsWith("/kernel")) {
                to.set(name, FoldingByHand.kernel(from.get(name), s));
            } else {
                String oldBias = layer + "/bias";
                to.set(name, FoldingByHand.bias(from.names().contains(oldBias) ? from.get(oldBias) : null, s,
                        from.get(b + "beta"), from.get(b + "moving_mean")));
            }
        }
    }
}
