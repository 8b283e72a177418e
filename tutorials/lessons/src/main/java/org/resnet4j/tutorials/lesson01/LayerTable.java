package org.resnet4j.tutorials.lesson01;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.resnet4j.nn.Model;

/** Prints a model's layers as a table (name, kind, output shape, parameters, inputs): shorter than a summary. */
public final class LayerTable {
    private LayerTable() {
    }

    /** The table's lines: a header, then one line per layer. */
    public static List<String> lines(Model model) {
        List<LayerRow> rows = LayerRow.of(model);
        int nameWidth = "layer".length();
        int kindWidth = "kind".length();
        int shapeWidth = "output shape".length();
        for (LayerRow row : rows) {
            nameWidth = Math.max(nameWidth, row.name().length());
            kindWidth = Math.max(kindWidth, row.kind().length());
            shapeWidth = Math.max(shapeWidth, row.shape().toString().length());
        }
        String format = "%-" + nameWidth + "s  %-" + kindWidth + "s  %-" + shapeWidth + "s  %10s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, format, "layer", "kind", "output shape", "params", "reads")
                .stripTrailing());
        for (LayerRow row : rows) {
            lines.add(String.format(Locale.ROOT, format, row.name(), row.kind(), row.shape(),
                    String.format(Locale.ROOT, "%,d", row.parameters()), String.join(" + ", row.inputs()))
                    .stripTrailing());
        }
        return lines;
    }

    /** Prints {@link #lines} to {@code out}. */
    public static void print(Model model, PrintStream out) {
        lines(model).forEach(out::println);
    }
}
