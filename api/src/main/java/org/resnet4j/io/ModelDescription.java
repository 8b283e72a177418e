package org.resnet4j.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.LayerConfig;
import org.resnet4j.nn.LayerTypes;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;

/**
 * A model's architecture as JSON, like Keras' {@code model.to_json()}: enough to rebuild the same {@link Model}
 * (same layer names, wiring, summary and parameter names and shapes), without the parameter values.
 *
 * <pre>{@code
 * {"name": "tiny",
 *  "layers": [
 *    {"class_name": "InputLayer", "name": "input_1", "config": {"shape": [8, 8, 3]}, "inbound_nodes": []},
 *    {"class_name": "Conv2D", "name": "conv", "config": {"filters": 4, "kernel_size": [3, 3], "strides": [1, 1],
 *       "padding": "same", "use_bias": true}, "inbound_nodes": [[["input_1", 0]]]},
 *    {"class_name": "Add", "name": "add", "config": {}, "inbound_nodes": [[["conv", 0], ["input_1", 0]]]}],
 *  "inputs": [["input_1", 0]],
 *  "outputs": [["add", 0]]}
 * }</pre>
 *
 * <p>Layers are listed in the order of their first node, each with its type, name, settings ({@link Layer#config()})
 * and one entry in {@code inbound_nodes} per time it is applied; an entry lists the inputs of that application as
 * {@code [layer name, node index]}, where the node index counts the applications of that layer from 0 (always 0
 * unless a layer is shared). Reading is strict: an unknown key, layer type or setting, a missing value, a reference
 * to an unknown layer or node, or a cycle is an {@link IllegalArgumentException} naming the layer.
 */
public final class ModelDescription {
    private static final Set<String> TOP_KEYS = Set.of("name", "layers", "inputs", "outputs");
    private static final Set<String> LAYER_KEYS = Set.of("class_name", "name", "config", "inbound_nodes");

    private ModelDescription() {
    }

    /** The description of {@code model} as JSON values (maps, lists, strings, numbers, booleans). */
    public static Map<String, Object> of(Model model) {
        List<Node> ordered = new ArrayList<>();
        for (Node in : model.inputs()) {
            if (!model.nodes().contains(in)) {
                ordered.add(in); // an input no output depends on is still part of the model
            }
        }
        ordered.addAll(model.nodes());
        Map<Layer, List<Node>> applications = new LinkedHashMap<>();
        for (Node n : ordered) {
            applications.computeIfAbsent(n.layer(), l -> new ArrayList<>()).add(n);
        }
        List<Object> layers = new ArrayList<>();
        for (Map.Entry<Layer, List<Node>> e : applications.entrySet()) {
            Layer layer = e.getKey();
            List<Object> inbound = new ArrayList<>();
            for (Node n : e.getValue()) {
                if (!(layer instanceof Input)) {
                    List<Object> call = new ArrayList<>();
                    for (Node in : n.inputs()) {
                        call.add(reference(in, applications));
                    }
                    inbound.add(call);
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("class_name", layer.typeName());
            entry.put("name", layer.name());
            entry.put("config", layer.config());
            entry.put("inbound_nodes", inbound);
            layers.add(entry);
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", model.name());
        description.put("layers", layers);
        description.put("inputs", model.inputs().stream().map(n -> reference(n, applications)).toList());
        description.put("outputs", model.outputs().stream().map(n -> reference(n, applications)).toList());
        return description;
    }

    private static List<Object> reference(Node node, Map<Layer, List<Node>> applications) {
        return List.of(node.layer().name(), applications.get(node.layer()).indexOf(node));
    }

    /** The description of {@code model} as one line of JSON. */
    public static String toJson(Model model) {
        return JsonWriter.write(of(model));
    }

    /** The model a JSON description describes, with freshly initialised parameters; see {@link #build}. */
    public static Model fromJson(String json, LayerTypes types) {
        return build(JsonParser.parse(json), types);
    }

    /**
     * The model {@code description} (parsed JSON) describes, with its layers made by {@code types}; its parameters are
     * freshly initialised, as in any new model.
     */
    public static Model build(Object description, LayerTypes types) {
        Map<String, Object> top = object(description, "The model description");
        checkKeys(top, TOP_KEYS, "The model description");
        String modelName = string(top.get("name"), "The model description's \"name\"");
        List<LayerEntry> entries = layerEntries(top);

        Map<String, List<Node>> nodes = new HashMap<>();
        Map<String, Integer> applicationCounts = new HashMap<>();
        for (LayerEntry e : entries) {
            applicationCounts.put(e.name, e.isInput() ? 1 : e.calls.size());
        }
        List<Call> pending = new ArrayList<>();
        for (LayerEntry e : entries) {
            for (List<Reference> call : e.calls) {
                for (Reference r : call) {
                    r.check(applicationCounts, "Layer \"" + e.name + "\"");
                }
            }
            LayerConfig config = new LayerConfig(e.name, e.className, e.config);
            if (e.isInput()) {
                if (!e.calls.isEmpty()) {
                    throw new IllegalArgumentException("Layer \"" + e.name + "\" (" + Input.TYPE_NAME
                            + ") expects no inbound nodes: an input is fed, not computed. Received: " + e.calls);
                }
                nodes.put(e.name, new ArrayList<>(List.of(Input.fromConfig(config))));
            } else {
                Layer layer = types.create(config);
                nodes.put(e.name, new ArrayList<>());
                for (int k = 0; k < e.calls.size(); k++) {
                    pending.add(new Call(layer, k, e.calls.get(k)));
                }
            }
        }
        connect(pending, nodes);
        List<Node> inputs = references(top.get("inputs"), "inputs", applicationCounts, nodes);
        List<Node> outputs = references(top.get("outputs"), "outputs", applicationCounts, nodes);
        return Model.of(modelName, inputs, outputs);
    }

    /**
     * Applies every pending call once its inputs exist, always taking the earliest ready call in listing order: a
     * description written by {@link #of} lists layers by first node, so the layers come back in the same order,
     * and with them the parameter order.
     */
    private static void connect(List<Call> pending, Map<String, List<Node>> nodes) {
        while (!pending.isEmpty()) {
            Call ready = null;
            List<Node> inputs = null;
            for (Call c : pending) {
                inputs = c.inputsIfReady(nodes);
                if (inputs != null) {
                    ready = c;
                    break;
                }
            }
            if (ready == null) {
                Call stuck = pending.get(0);
                throw new IllegalArgumentException("Layer \"" + stuck.layer.name() + "\" (application "
                        + stuck.index + ") can never be computed: its inputs " + stuck.inputs
                        + " depend on it or on another layer that cannot be computed (a cycle)");
            }
            pending.remove(ready);
            Node output;
            try {
                output = ready.layer.apply(inputs.toArray(Node[]::new));
            } catch (ArithmeticException e) {
                // Settings such as "filters": 2147483647 make a shape whose size overflows an int.
                throw new IllegalArgumentException("Layer \"" + ready.layer.name() + "\" (" + ready.layer.typeName()
                        + ") expects inputs for which its output has at most " + Integer.MAX_VALUE + " values. "
                        + "Received: inputs of shape " + inputs.stream().map(Node::shape).toList()
                        + " (check the settings of the layers before it, such as \"filters\")", e);
            }
            nodes.get(ready.layer.name()).add(output);
        }
    }

    /**
     * What differs between two descriptions, as sentences naming the layer and the setting, for example
     * {@code layer "conv1_conv" (Conv2D): "filters" is 64 in the file, 32 in the model}. The model names are not
     * compared. Empty when they describe the same architecture.
     */
    public static List<String> differences(Object left, Object right, String leftLabel, String rightLabel) {
        Map<String, Object> a = object(canonical(left), "The " + leftLabel + "'s description");
        Map<String, Object> b = object(canonical(right), "The " + rightLabel + "'s description");
        Map<String, LayerEntry> la = byName(layerEntries(a));
        Map<String, LayerEntry> lb = byName(layerEntries(b));
        List<String> out = new ArrayList<>();
        for (LayerEntry x : la.values()) {
            LayerEntry y = lb.get(x.name);
            String what = "layer \"" + x.name + "\" (" + x.className + ")";
            if (y == null) {
                out.add(what + " is in the " + leftLabel + " only");
            } else if (!x.className.equals(y.className)) {
                out.add("layer \"" + x.name + "\" is a " + x.className + " in the " + leftLabel + ", a " + y.className
                        + " in the " + rightLabel);
            } else {
                Set<String> keys = new LinkedHashSet<>(x.config.keySet());
                keys.addAll(y.config.keySet());
                for (String key : keys) {
                    if (!Objects.equals(x.config.get(key), y.config.get(key))) {
                        out.add(what + ": \"" + key + "\" is " + show(x.config, key) + " in the " + leftLabel + ", "
                                + show(y.config, key) + " in the " + rightLabel);
                    }
                }
                if (!x.rawInbound.equals(y.rawInbound)) {
                    out.add(what + " takes " + JsonWriter.write(x.rawInbound) + " in the " + leftLabel + ", "
                            + JsonWriter.write(y.rawInbound) + " in the " + rightLabel);
                }
            }
        }
        for (LayerEntry y : lb.values()) {
            if (!la.containsKey(y.name)) {
                out.add("layer \"" + y.name + "\" (" + y.className + ") is in the " + rightLabel + " only");
            }
        }
        for (String key : List.of("inputs", "outputs")) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                out.add("the model " + key + " are " + JsonWriter.write(a.get(key)) + " in the " + leftLabel + ", "
                        + JsonWriter.write(b.get(key)) + " in the " + rightLabel);
            }
        }
        return out;
    }

    // Written and read back, a description holds the same kinds of values whatever built it (Long, not Integer).
    private static Object canonical(Object description) {
        return JsonParser.parse(JsonWriter.write(description));
    }

    private static String show(Map<String, Object> config, String key) {
        return config.containsKey(key) ? JsonWriter.write(config.get(key)) : "absent";
    }

    private static Map<String, LayerEntry> byName(List<LayerEntry> entries) {
        Map<String, LayerEntry> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.name, e));
        return map;
    }

    private static List<LayerEntry> layerEntries(Map<String, Object> top) {
        Object layersValue = top.get("layers");
        if (!(layersValue instanceof List<?> layers)) {
            throw new IllegalArgumentException("The model description expects \"layers\" to be a list. Received: "
                    + describe(layersValue));
        }
        List<LayerEntry> entries = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerEntry e = LayerEntry.parse(layers.get(i), i);
            if (!names.add(e.name)) {
                throw new IllegalArgumentException("The model description has two layers named \"" + e.name
                        + "\"; layer names must be unique");
            }
            entries.add(e);
        }
        return entries;
    }

    private static List<Node> references(Object value, String key, Map<String, Integer> counts,
            Map<String, List<Node>> nodes) {
        String where = "The model description's \"" + key + "\"";
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(where + " expects a non-empty list of [layer name, node index]. "
                    + "Received: " + describe(value));
        }
        List<Node> out = new ArrayList<>();
        for (Object item : list) {
            Reference r = Reference.parse(item, where);
            r.check(counts, where);
            out.add(nodes.get(r.layer).get(r.index));
        }
        return out;
    }

    static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " expects a JSON object. Received: " + describe(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    private static String string(Object value, String what) {
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException(what + " expects a non-empty string. Received: " + describe(value));
        }
        return s;
    }

    private static void checkKeys(Map<String, Object> map, Set<String> allowed, String what) {
        Set<String> missing = new LinkedHashSet<>(allowed);
        missing.removeAll(map.keySet());
        Set<String> unknown = new LinkedHashSet<>(map.keySet());
        unknown.removeAll(allowed);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(what + " expects the keys " + new java.util.TreeSet<>(allowed)
                    + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (unknown.isEmpty() ? "" : "; unknown " + unknown));
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String json = JsonWriter.write(value);
        return json.length() > 200 ? json.substring(0, 200) + "..." : json;
    }

    /** One element of {@code layers}. */
    private record LayerEntry(String className, String name, Map<String, Object> config,
            List<List<Reference>> calls, Object rawInbound) {

        static LayerEntry parse(Object value, int index) {
            String where = "The model description's layers[" + index + "]";
            Map<String, Object> m = object(value, where);
            String name = m.get("name") instanceof String s && !s.isEmpty() ? s : null;
            if (name != null) {
                where = "Layer \"" + name + "\"";
            }
            checkKeys(m, LAYER_KEYS, where);
            name = string(m.get("name"), where + " \"name\"");
            String className = string(m.get("class_name"), where + " \"class_name\"");
            Map<String, Object> config = object(m.get("config"), where + " \"config\"");
            Object inbound = m.get("inbound_nodes");
            if (!(inbound instanceof List<?> callList)) {
                throw new IllegalArgumentException(where + " expects \"inbound_nodes\" to be a list of applications,"
                        + " each a list of [layer name, node index]. Received: " + describe(inbound));
            }
            List<List<Reference>> calls = new ArrayList<>();
            for (Object call : callList) {
                if (!(call instanceof List<?> refs) || refs.isEmpty()) {
                    throw new IllegalArgumentException(where + " expects each entry of \"inbound_nodes\" to be a "
                            + "non-empty list of [layer name, node index]. Received: " + describe(call));
                }
                List<Reference> parsed = new ArrayList<>();
                for (Object r : refs) {
                    parsed.add(Reference.parse(r, where));
                }
                calls.add(parsed);
            }
            return new LayerEntry(className, name, config, calls, inbound);
        }

        boolean isInput() {
            return className.equals(Input.TYPE_NAME);
        }
    }

    /** {@code [layer name, node index]}: the {@code index}-th application of layer {@code layer}. */
    private record Reference(String layer, int index) {
        static Reference parse(Object value, String where) {
            if (value instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String name
                    && pair.get(1) instanceof Long index && index >= 0 && index <= Integer.MAX_VALUE) {
                return new Reference(name, index.intValue());
            }
            throw new IllegalArgumentException(where + " expects a node reference [layer name, node index]. "
                    + "Received: " + describe(value));
        }

        void check(Map<String, Integer> applicationCounts, String where) {
            Integer count = applicationCounts.get(layer);
            if (count == null) {
                throw new IllegalArgumentException(where + " refers to layer \"" + layer + "\", which the description"
                        + " does not define");
            }
            if (index >= count) {
                throw new IllegalArgumentException(where + " refers to node " + index + " of layer \"" + layer
                        + "\", which is applied " + count + " time" + (count == 1 ? "" : "s"));
            }
        }

        @Override
        public String toString() {
            return "[\"" + layer + "\", " + index + "]";
        }
    }

    /** The {@code index}-th application of {@code layer}, waiting for its inputs. */
    private record Call(Layer layer, int index, List<Reference> inputs) {
        List<Node> inputsIfReady(Map<String, List<Node>> nodes) {
            if (nodes.get(layer.name()).size() != index) {
                return null; // applications of one layer happen in order, so node indices keep their meaning
            }
            List<Node> resolved = new ArrayList<>(inputs.size());
            for (Reference r : inputs) {
                List<Node> made = nodes.get(r.layer());
                if (made.size() <= r.index()) {
                    return null;
                }
                resolved.add(made.get(r.index()));
            }
            return resolved;
        }
    }
}
