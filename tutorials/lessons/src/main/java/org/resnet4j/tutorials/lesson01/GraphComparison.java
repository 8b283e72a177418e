package org.resnet4j.tutorials.lesson01;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.Shape;

/**
 * Tells whether two models are the same network: the same layers by name, each with the same kind, settings,
 * output shape, parameter count and inputs, and the same parameter tensors (names and shapes). Creation order
 * does not matter, the wiring does.
 */
public final class GraphComparison {
    private GraphComparison() {
    }

    /** What differs between {@code expected} and {@code actual}, one line per difference; empty when nothing does. */
    public static List<String> differences(Model expected, Model actual) {
        List<String> differences = new ArrayList<>();
        Map<String, LayerRow> want = byName(expected);
        Map<String, LayerRow> got = byName(actual);
        TreeSet<String> names = new TreeSet<>(want.keySet());
        names.addAll(got.keySet());
        for (String name : names) {
            LayerRow w = want.get(name);
            LayerRow g = got.get(name);
            if (w == null || g == null || !w.equals(g)) {
                differences.add("layer " + name + ": expected " + w + ", got " + g);
            }
        }
        Map<String, Shape> wantTensors = tensorShapes(expected);
        Map<String, Shape> gotTensors = tensorShapes(actual);
        if (!wantTensors.equals(gotTensors)) {
            differences.add("parameter tensors: expected " + wantTensors + ", got " + gotTensors);
        }
        return differences;
    }

    private static Map<String, LayerRow> byName(Model model) {
        Map<String, LayerRow> rows = new TreeMap<>();
        LayerRow.of(model).forEach(row -> rows.put(row.name(), row));
        return rows;
    }

    private static Map<String, Shape> tensorShapes(Model model) {
        Map<String, Shape> shapes = new TreeMap<>();
        model.parameters().names().forEach(n -> shapes.put(n, model.parameters().shape(n)));
        return shapes;
    }
}
