package org.resnet4j.tutorials.lesson03;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.resnet4j.models.resnet.MacCounter;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ParameterSpec;
import org.resnet4j.tensor.Shape;

/**
 * Follows a network while it is being built: at each {@link #stage} it prints the stage's output shape and the
 * trainable parameters of the layers added since the previous stage, and remembers those layers so that
 * {@link #printMultiplyAdds} can later sum their multiply-adds per stage.
 */
public final class StageLog {
    private static final String FORMAT = "%-32s %-16s %,14d%n";

    private final PrintStream out;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, List<Layer>> layersByStage = new LinkedHashMap<>();
    private long trainable;

    private StageLog(PrintStream out) {
        this.out = out;
    }

    /** A log that prints to {@code out}, starting with a header line. */
    public static StageLog printingTo(PrintStream out) {
        StageLog log = new StageLog(out);
        out.printf(Locale.ROOT, "%-32s %-16s %14s%n", "stage", "output shape", "trainable");
        return log;
    }

    /** A log that prints nothing: for building the same network in exercises and tests. */
    public static StageLog silent() {
        return new StageLog(new PrintStream(PrintStream.nullOutputStream()));
    }

    /** Records the layers that lead to {@code node} and were not part of an earlier stage; prints one line. */
    public Node stage(String label, Node node) {
        List<Layer> layers = new ArrayList<>();
        long added = 0;
        Deque<Node> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            layers.add(n.layer());
            List<Shape> inputShapes = n.inputs().stream().map(Node::shape).toList();
            added += n.layer().parameterSpecs(inputShapes).stream().filter(ParameterSpec::trainable)
                    .mapToLong(s -> s.shape().sizeAsLong()).sum();
            todo.addAll(n.inputs());
        }
        layersByStage.put(label, layers);
        trainable += added;
        out.printf(Locale.ROOT, FORMAT, label, node.shape(), added);
        return node;
    }

    /** Prints the running total of trainable parameters. */
    public void printTotal() {
        out.printf(Locale.ROOT, FORMAT, "total", "", trainable);
    }

    /**
     * Prints the multiply-adds of each stage for one image, from {@link MacCounter#byLayer}. Call it once the
     * model is built: a layer without an explicit name gets its name from the model.
     */
    public void printMultiplyAdds(Model model) {
        Map<String, Long> macs = MacCounter.byLayer(model);
        long total = 0;
        for (Map.Entry<String, List<Layer>> stage : layersByStage.entrySet()) {
            long sum = stage.getValue().stream().mapToLong(layer -> macs.getOrDefault(layer.name(), 0L)).sum();
            total += sum;
            if (sum > 0) {
                out.printf(Locale.ROOT, "%-32s %,16d%n", stage.getKey(), sum);
            }
        }
        out.printf(Locale.ROOT, "%-32s %,16d%n", "total", total);
    }
}
