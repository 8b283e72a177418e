package org.resnet4j.nn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.resnet4j.tensor.Shape;

/**
 * The text of {@link Model#summary()}: Keras 2.x's {@code model.summary()} reproduced character for character
 * (the layout with truncated columns that tf.keras printed before later releases wrapped long cells), so a
 * model built here can be compared line by line with a Keras printout.
 *
 * <p>A graph model gets four columns on 98 characters (Layer (type), Output Shape, Param #, Connected to); a
 * plain chain, which Keras calls "sequential-like", gets three on 65. Layers are listed in Keras' order (see
 * {@link KerasLayerOrder}). Each cell is cut to its column and the last character before the next column is
 * always a space, so a cell shows at most its width minus one.
 */
public final class ModelSummary {
    private static final int WIDE = 98;
    private static final int NARROW = 65;

    private final Model model;
    private final KerasLayerOrder order;
    private final List<String> lines = new ArrayList<>();
    private final Map<Layer, List<Node>> nodesByLayer = new IdentityHashMap<>();

    private ModelSummary(Model model) {
        this.model = model;
        this.order = KerasLayerOrder.of(model);
    }

    /** The summary of {@code model}, as one string with a line feed after every line (what Keras prints). */
    public static String of(Model model) {
        return String.join("\n", new ModelSummary(model).render()) + "\n";
    }

    private List<String> render() {
        boolean chain = order.sequentialLike();
        int width = chain ? NARROW : WIDE;
        int[] positions = chain ? columns(width, .45, .85, 1.) : columns(width, .33, .55, .67, 1.);
        lines.add("Model: \"" + model.name() + "\"");
        lines.add("_".repeat(width));
        lines.add(chain ? row(positions, "Layer (type)", "Output Shape", "Param #")
                : row(positions, "Layer (type)", "Output Shape", "Param #", "Connected to"));
        lines.add("=".repeat(width));
        List<Layer> layers = order.layers();
        for (int i = 0; i < layers.size(); i++) {
            addLayer(layers.get(i), positions, chain);
            lines.add((i == layers.size() - 1 ? "=" : "_").repeat(width));
        }
        long total = model.parameterCount();
        long trainable = model.trainableParameterCount();
        lines.add("Total params: " + thousands(total));
        lines.add("Trainable params: " + thousands(trainable));
        lines.add("Non-trainable params: " + thousands(total - trainable));
        lines.add("_".repeat(width));
        return lines;
    }

    private void addLayer(Layer layer, int[] positions, boolean chain) {
        List<Node> nodes = nodesOf(layer);
        String title = layer.name() + " (" + layer.typeName() + ")";
        String shape = outputShape(layer, nodes);
        String params = Long.toString(parameterCount(nodes.get(0)));
        if (chain) {
            lines.add(row(positions, title, shape, params));
            return;
        }
        List<String> connections = new ArrayList<>();
        for (Node node : nodes) {
            for (Node in : node.inputs()) {
                // layer[node index][tensor index]: which call of the inbound layer, which of its outputs (always 0).
                connections.add(in.layer().name() + "[" + nodesOf(in.layer()).indexOf(in) + "][0]");
            }
        }
        lines.add(row(positions, title, shape, params, connections.isEmpty() ? "" : connections.get(0)));
        for (int i = 1; i < connections.size(); i++) {
            lines.add(row(positions, "", "", "", connections.get(i)));
        }
    }

    /** The layer's nodes in this model, in call order: a node's index here is Keras' node index. */
    private List<Node> nodesOf(Layer layer) {
        return nodesByLayer.computeIfAbsent(layer,
                l -> model.nodes().stream().filter(n -> n.layer() == l).toList());
    }

    private long parameterCount(Node node) {
        return model.parameterSpecs(node).stream().mapToLong(s -> s.shape().sizeAsLong()).sum();
    }

    /** Python's {@code str} of Keras' output shape: a tuple with None for the batch, a list of one for inputs. */
    private static String outputShape(Layer layer, List<Node> nodes) {
        if (nodes.stream().map(Node::shape).distinct().count() > 1) {
            return "multiple";
        }
        Shape s = nodes.get(0).shape();
        String tuple = IntStream.of(s.toArray()).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "(None, ", ")"));
        if (s.rank() == 0) {
            tuple = "(None,)";
        }
        return layer instanceof Input ? "[" + tuple + "]" : tuple;
    }

    /** Column ends: each fraction of the width, rounded down as Python's {@code int()} does. */
    private static int[] columns(int width, double... fractions) {
        int[] ends = new int[fractions.length];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = (int) (width * fractions[i]);
        }
        return ends;
    }

    /**
     * Keras' {@code print_row}: append each cell after turning the line's last character into a space, then cut
     * or pad the line to the cell's column end.
     */
    static String row(int[] positions, String... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.setCharAt(line.length() - 1, ' ');
            }
            line.append(cells[i]);
            line.setLength(Math.min(line.length(), positions[i]));
            while (line.length() < positions[i]) {
                line.append(' ');
            }
        }
        return line.toString();
    }

    private static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
