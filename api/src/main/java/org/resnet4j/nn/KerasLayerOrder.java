package org.resnet4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which Keras lists a functional model's layers ({@code model.layers}, hence its summary): by
 * decreasing depth from the outputs, and at equal depth in the order a depth-first walk from the outputs first
 * meets them. This is not the creation order: a projection shortcut's convolution comes right after the main
 * path's convolution at the same depth. Also tells whether Keras would print the model as "sequential-like".
 */
final class KerasLayerOrder {
    private final List<Layer> layers;
    private final boolean sequentialLike;

    private KerasLayerOrder(List<Layer> layers, boolean sequentialLike) {
        this.layers = layers;
        this.sequentialLike = sequentialLike;
    }

    static KerasLayerOrder of(Model model) {
        Map<Layer, Integer> layerIndices = new IdentityHashMap<>();
        List<Node> increasingDepthWalk = new ArrayList<>();
        Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node out : model.outputs()) {
            walk(out, finished, layerIndices, increasingDepthWalk);
        }
        // Depth of a node: the longest path to an output; a layer takes the largest depth of its nodes.
        Map<Node, Integer> nodeDepths = new LinkedHashMap<>();
        Map<Layer, Integer> layerDepths = new LinkedHashMap<>();
        for (int i = increasingDepthWalk.size() - 1; i >= 0; i--) {
            Node node = increasingDepthWalk.get(i);
            int depth = Math.max(nodeDepths.getOrDefault(node, 0), layerDepths.getOrDefault(node.layer(), 0));
            layerDepths.put(node.layer(), depth);
            nodeDepths.put(node, depth);
            for (Node parent : node.inputs()) {
                nodeDepths.put(parent, Math.max(depth + 1, nodeDepths.getOrDefault(parent, 0)));
            }
        }
        for (Node in : model.inputs()) {
            if (!layerDepths.containsKey(in.layer())) {
                // An input no output depends on: Keras keeps it, at depth 0, before the other layers there.
                layerDepths.put(in.layer(), 0);
                layerIndices.put(in.layer(), -1);
                nodeDepths.put(in, 0);
            }
        }
        List<Layer> ordered = new ArrayList<>(layerDepths.keySet());
        ordered.sort(Comparator.<Layer>comparingInt(layerDepths::get).reversed()
                .thenComparingInt(layerIndices::get));
        return new KerasLayerOrder(List.copyOf(ordered), sequentialLike(nodeDepths));
    }

    /** Post-order walk; a layer's index is given when the walk first reaches it (before its inputs). */
    private static void walk(Node node, Set<Node> finished, Map<Layer, Integer> layerIndices, List<Node> order) {
        if (finished.contains(node)) {
            return;
        }
        layerIndices.putIfAbsent(node.layer(), layerIndices.size());
        for (Node in : node.inputs()) {
            walk(in, finished, layerIndices, order);
        }
        finished.add(node);
        order.add(node);
    }

    /** Keras prints a chain (one node per depth, one input each, no layer used twice) in the short format. */
    private static boolean sequentialLike(Map<Node, Integer> nodeDepths) {
        Map<Integer, Integer> nodesPerDepth = new LinkedHashMap<>();
        Set<Layer> layersSeen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<Node, Integer> e : nodeDepths.entrySet()) {
            Node node = e.getKey();
            if (nodesPerDepth.merge(e.getValue(), 1, Integer::sum) > 1 || node.inputs().size() > 1
                    || !layersSeen.add(node.layer())) {
                return false;
            }
        }
        return true;
    }

    /** The layers in Keras' order. */
    List<Layer> layers() {
        return layers;
    }

    /** Whether Keras would use its three-column layout for this model. */
    boolean sequentialLike() {
        return sequentialLike;
    }
}
