package org.resnet4j.nn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A functional model: the graph of {@link Node}s between its inputs and outputs, the names of its layers, and
 * its {@link ParameterStore}. Built once, it can be summarised, compiled by any backend, or run on any
 * {@link Ops} with {@link #forward}.
 */
public final class Model {
    /** The seed a new model's parameters are initialised with; see {@link ParameterStore#initialize}. */
    public static final long DEFAULT_SEED = 42L;

    private final String name;
    private final List<Node> inputs;
    private final List<Node> outputs;
    private final List<Node> nodes;
    private final Map<String, Layer> layersByName = new LinkedHashMap<>();
    private final ParameterStore parameters;

    private Model(String name, List<Node> inputs, List<Node> outputs) {
        this(name, inputs, outputs, true);
    }

    private Model(String name, List<Node> inputs, List<Node> outputs, boolean seeded) {
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        for (Node in : this.inputs) {
            if (!(in.layer() instanceof Input)) {
                throw new IllegalArgumentException("Model \"" + name + "\": " + in.layer().name()
                        + " is not an Input node; build inputs with Input.of(...)");
            }
        }
        this.nodes = reachableInOrder();
        assignNames();
        // Unseeded stores start empty: their caller sets every value, and drawing numbers first would be wasted.
        this.parameters = new ParameterStore(collectSpecs(), seeded ? DEFAULT_SEED : null);
    }

    /**
     * A model whose every parameter is taken from {@code values} (by full name) instead of the seeded generator:
     * for rewritten copies of a model, which would otherwise pay for drawing millions of numbers they overwrite.
     */
    static Model withParameters(String name, List<Node> inputs, List<Node> outputs,
            java.util.function.Function<String, HostTensor> values) {
        Model m = new Model(name, inputs, outputs, false);
        for (String parameter : m.parameters.names()) {
            m.parameters.set(parameter, values.apply(parameter));
        }
        return m;
    }

    /** A model with one input and one output. */
    public static Model of(String name, Node input, Node output) {
        return new Model(name, List.of(input), List.of(output));
    }

    /** A model with several inputs and outputs. */
    public static Model of(String name, List<Node> inputs, List<Node> outputs) {
        return new Model(name, inputs, outputs);
    }

    private List<Node> reachableInOrder() {
        Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (seen.add(n)) {
                todo.addAll(n.inputs());
            }
        }
        for (Node n : seen) {
            if (n.layer() instanceof Input && !inputs.contains(n)) {
                throw new IllegalArgumentException("Model \"" + name + "\": output depends on input "
                        + n.layer().name() + " which is not among the model's inputs");
            }
        }
        // An input no output reads is still part of the model, as in Keras: it is listed, fed and summarised.
        seen.addAll(inputs);
        List<Node> ordered = new ArrayList<>(seen);
        ordered.sort(Comparator.comparingLong(Node::id));
        return List.copyOf(ordered);
    }

    private void assignNames() {
        Map<String, Integer> counters = new HashMap<>();
        Set<String> taken = new HashSet<>();
        for (Node n : nodes) {
            if (n.layer().isNamed()) {
                taken.add(n.layer().name());
            }
        }
        Set<Layer> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : nodes) {
            Layer layer = n.layer();
            if (!done.add(layer)) {
                continue;
            }
            if (!layer.isNamed()) {
                String base = layer.baseName();
                // Keras numbers inputs from 1 (input_1) and other layers from 0 without a suffix (conv2d, conv2d_1).
                int k = counters.getOrDefault(base, layer instanceof Input ? 1 : 0);
                String candidate;
                do {
                    candidate = k == 0 ? base : base + "_" + k;
                    k++;
                } while (taken.contains(candidate));
                counters.put(base, k);
                taken.add(candidate);
                layer.assignName(candidate);
            }
            Layer previous = layersByName.putIfAbsent(layer.name(), layer);
            if (previous != null && previous != layer) {
                throw new IllegalArgumentException("Model \"" + name + "\" has two layers named \"" + layer.name()
                        + "\"; layer names must be unique");
            }
        }
    }

    private Map<String, ParameterSpec> collectSpecs() {
        Map<String, ParameterSpec> specs = new LinkedHashMap<>();
        for (Node n : nodes) {
            for (ParameterSpec s : n.layer().parameterSpecs(inputShapes(n))) {
                String full = n.layer().name() + "/" + s.name();
                ParameterSpec previous = specs.putIfAbsent(full, s);
                if (previous != null && !previous.shape().equals(s.shape())) {
                    throw new IllegalArgumentException("Layer " + n.layer().name() + " is applied to inputs that need "
                            + s.name() + " of shapes " + previous.shape() + " and " + s.shape());
                }
            }
        }
        return specs;
    }

    private static List<Shape> inputShapes(Node n) {
        return n.inputs().stream().map(Node::shape).toList();
    }

    /** The model's name. */
    public String name() {
        return name;
    }

    /** The input nodes, in feeding order. */
    public List<Node> inputs() {
        return inputs;
    }

    /** The output nodes, in the order {@code predictAll} returns them. */
    public List<Node> outputs() {
        return outputs;
    }

    /** Every node between the inputs and the outputs, in a topological (creation) order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Every layer, in the order of their first node. */
    public List<Layer> layers() {
        return List.copyOf(layersByName.values());
    }

    /** The layer called {@code layerName}. */
    public Layer layer(String layerName) {
        Layer l = layersByName.get(layerName);
        if (l == null) {
            throw new IllegalArgumentException("Model \"" + name + "\" has no layer named \"" + layerName + "\"");
        }
        return l;
    }

    /** The weights: the single source of truth every backend uploads from. */
    public ParameterStore parameters() {
        return parameters;
    }

    /** Refills every parameter from {@code seed}; returns this model. */
    public Model initialize(long seed) {
        parameters.initialize(seed);
        return this;
    }

    /** The parameters of {@code node}'s layer, keyed by short name. */
    public List<ParameterSpec> parameterSpecs(Node node) {
        return node.layer().parameterSpecs(inputShapes(node));
    }

    /** Runs the model; see {@link #forward(Ops, Map, List, NodeListener)}. */
    public List<Tensor> forward(Ops ops, Map<String, Tensor> weights, List<Tensor> inputTensors) {
        return forward(ops, weights, inputTensors, null);
    }

    /**
     * Runs the model on {@code ops}: the inputs are batched tensors, {@code weights} maps every full parameter
     * name to a tensor of {@code ops}' backend. Each intermediate tensor is closed as soon as its last consumer
     * has run, so an eager backend holds only the live activations; inputs, weights and the returned outputs are
     * the caller's to close. The inputs' shapes are checked first, by the rule every compiled model also uses
     * ({@link InputShapes#check}).
     *
     * @param listener sees every node's output before it is released; may be {@code null}
     */
    public List<Tensor> forward(Ops ops, Map<String, Tensor> weights, List<Tensor> inputTensors,
            NodeListener listener) {
        InputShapes.check(this, inputTensors.stream().map(t -> t == null ? null : t.shape()).toList());
        Map<Node, Integer> remainingUses = new IdentityHashMap<>();
        for (Node n : nodes) {
            for (Node in : n.inputs()) {
                remainingUses.merge(in, 1, Integer::sum);
            }
        }
        Set<Node> keep = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(outputs);
        keep.addAll(inputs);

        Map<Node, Tensor> values = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Node in = inputs.get(i);
            Tensor t = inputTensors.get(i);
            values.put(in, t);
            if (listener != null) {
                listener.onOutput(in, t);
            }
        }
        try {
            for (Node n : nodes) {
                if (n.layer() instanceof Input) {
                    continue;
                }
                List<Tensor> args = new ArrayList<>(n.inputs().size());
                for (Node in : n.inputs()) {
                    args.add(values.get(in));
                }
                String prefix = n.layer().name() + "/";
                Tensor out = n.layer().forward(ops, args, shortName -> {
                    Tensor w = weights.get(prefix + shortName);
                    if (w == null) {
                        throw new IllegalStateException("No weight tensor given for " + prefix + shortName);
                    }
                    return w;
                });
                values.put(n, out);
                if (listener != null) {
                    listener.onOutput(n, out);
                }
                for (Node in : n.inputs()) {
                    if (remainingUses.merge(in, -1, Integer::sum) == 0 && !keep.contains(in)) {
                        values.remove(in).close();
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            for (Map.Entry<Node, Tensor> v : values.entrySet()) {
                if (!inputs.contains(v.getKey())) {
                    v.getValue().close();
                }
            }
            throw e;
        }
        List<Tensor> result = new ArrayList<>(outputs.size());
        for (Node out : outputs) {
            result.add(values.get(out));
        }
        return result;
    }

    /** Total number of parameters (trainable and not). */
    public long parameterCount() {
        return parameters.count();
    }

    /** Number of trainable parameters. */
    public long trainableParameterCount() {
        return parameters.trainableCount();
    }

    /** Number of non-trainable parameters (BatchNorm moving statistics). */
    public long nonTrainableParameterCount() {
        return parameterCount() - trainableParameterCount();
    }

    /** The summary Keras 2.x prints for this model (layers, output shapes, parameter counts, connections). */
    public String summary() {
        return ModelSummary.of(this);
    }

    /** Prints {@link #summary()} to standard output. */
    public void printSummary() {
        System.out.print(summary());
    }

    @Override
    public String toString() {
        return "Model \"" + name + "\" (" + nodes.size() + " nodes, " + parameterCount() + " parameters)";
    }
}
