package org.resnet4j.backend.nd4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.tensor.Tensor;

/**
 * The op sequence of a compiled model, worked out once: for every node, which value slots it reads and writes,
 * which slots die after it (so their memory is freed at once), and whether it may overwrite its input in place.
 * ReLU and Add may, when the input they would overwrite has no later reader, is not a model output, and is not a
 * model input (which belongs to the caller): that saves one allocation and one pass over fresh memory per layer.
 */
final class Nd4jExecutionPlan {
    /** How a step computes. */
    enum Kind {
        /** Runs the layer on the eager ops; the result is a new tensor. */
        LAYER,
        /** max(x, 0) written over its input. */
        RELU_IN_PLACE,
        /** The sum accumulated into the first input. */
        ADD_IN_PLACE
    }

    /**
     * One node of the model.
     *
     * @param node    the node computed
     * @param kind    how it is computed
     * @param inputs  the slots it reads, in the node's input order
     * @param output  the slot it writes
     * @param release the slots freed after it runs (readers done); never an input or output of the model
     * @param weights this node's layer parameters by short name
     */
    record Step(Node node, Kind kind, int[] inputs, int output, int[] release, Map<String, Tensor> weights) {
    }

    private final List<Step> steps;
    private final int[] inputSlots;
    private final int[] outputSlots;
    private final int slotCount;

    private Nd4jExecutionPlan(List<Step> steps, int[] inputSlots, int[] outputSlots, int slotCount) {
        this.steps = List.copyOf(steps);
        this.inputSlots = inputSlots;
        this.outputSlots = outputSlots;
        this.slotCount = slotCount;
    }

    /** Plans {@code model}; {@code weights} maps every full parameter name to an uploaded tensor. */
    static Nd4jExecutionPlan of(Model model, Map<String, Tensor> weights) {
        List<Node> nodes = model.nodes();
        Map<Node, Integer> slot = new IdentityHashMap<>();
        for (Node n : nodes) {
            slot.put(n, slot.size());
        }
        Map<Node, Integer> lastReader = new IdentityHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (Node in : nodes.get(i).inputs()) {
                lastReader.put(in, i);
            }
        }
        Set<Node> pinned = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        pinned.addAll(model.inputs());
        pinned.addAll(model.outputs());

        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.layer() instanceof Input) {
                continue;
            }
            int[] inputs = n.inputs().stream().mapToInt(slot::get).toArray();
            Set<Node> dying = new HashSet<>();
            for (Node in : n.inputs()) {
                if (lastReader.get(in) == i && !pinned.contains(in)) {
                    dying.add(in);
                }
            }
            Node first = n.inputs().get(0);
            boolean firstIsFree = dying.contains(first) && n.inputs().stream().filter(in -> in == first).count() == 1;
            Kind kind = Kind.LAYER;
            if (firstIsFree && isRelu(n.layer())) {
                kind = Kind.RELU_IN_PLACE;
            } else if (firstIsFree && n.layer() instanceof Add) {
                kind = Kind.ADD_IN_PLACE;
            }
            if (kind != Kind.LAYER) {
                dying.remove(first); // its memory becomes this step's output
            }
            int[] release = dying.stream().mapToInt(slot::get).toArray();
            steps.add(new Step(n, kind, inputs, slot.get(n), release, layerWeights(model, n, weights)));
        }
        int[] in = model.inputs().stream().mapToInt(slot::get).toArray();
        int[] out = model.outputs().stream().mapToInt(slot::get).toArray();
        return new Nd4jExecutionPlan(steps, in, out, slot.size());
    }

    private static boolean isRelu(Layer layer) {
        return layer instanceof ReLU || (layer instanceof Activation a && a.function().equals("relu"));
    }

    private static Map<String, Tensor> layerWeights(Model model, Node n, Map<String, Tensor> weights) {
        Map<String, Tensor> byShortName = new LinkedHashMap<>();
        String prefix = n.layer().name() + "/";
        model.parameterSpecs(n).forEach(spec -> byShortName.put(spec.name(), weights.get(prefix + spec.name())));
        return byShortName;
    }

    List<Step> steps() {
        return steps;
    }

    int[] inputSlots() {
        return inputSlots;
    }

    int[] outputSlots() {
        return outputSlots;
    }

    int slotCount() {
        return slotCount;
    }
}
