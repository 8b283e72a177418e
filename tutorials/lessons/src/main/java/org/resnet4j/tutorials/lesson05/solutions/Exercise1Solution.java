package org.resnet4j.tutorials.lesson05.solutions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exercise 1: read a summary as text, the way you would read one printed in a blog post, and list for every
 * {@code Add} the types of the layers it adds. In the blog's network both inputs are activations (or an earlier
 * add); in the paper's, at least one input is a BatchNorm, the one that ends the residual branch (a projection
 * block adds two: its shortcut ends with a BatchNorm too).
 *
 * <p>A graph summary has four columns ending at characters 32, 53, 65 and 98 (a third, a fifth, two thirds and all
 * of its 98-character width). A layer's row starts with {@code name (Type)}, cut to the column, so a long type can
 * be truncated ({@code (BatchNormali}); a layer that reads several others continues on lines that start with
 * spaces and fill only the last column.
 */
public final class Exercise1Solution {
    private static final int FIRST_COLUMN_END = 32;
    private static final int CONNECTED_TO_START = 65;

    private Exercise1Solution() {
    }

    /** For every {@code Add} in {@code summary}, in order: the (possibly truncated) types of its inputs. */
    public static Map<String, List<String>> addInputTypes(String summary) {
        Map<String, String> typeByName = new LinkedHashMap<>();
        Map<String, List<String>> inputsByName = new LinkedHashMap<>();
        String current = null;
        for (String line : summary.lines().toList()) {
            if (line.isBlank() || line.startsWith("_") || line.startsWith("=") || line.startsWith("Model:")
                    || line.startsWith("Layer (type)") || line.contains("params:")) {
                continue;
            }
            if (!line.startsWith(" ")) {
                String title = line.substring(0, Math.min(FIRST_COLUMN_END, line.length())).strip();
                int open = title.indexOf(" (");
                current = title.substring(0, open);
                typeByName.put(current, title.substring(open + 2).replace(")", ""));
                inputsByName.put(current, new ArrayList<>());
            }
            if (line.length() > CONNECTED_TO_START) {
                String cell = line.substring(CONNECTED_TO_START).strip();
                if (!cell.isEmpty()) {
                    inputsByName.get(current).add(cell.substring(0, cell.indexOf('[')));
                }
            }
        }
        Map<String, List<String>> adds = new LinkedHashMap<>();
        typeByName.forEach((name, type) -> {
            if (type.equals("Add")) {
                adds.put(name, inputsByName.get(name).stream().map(typeByName::get).toList());
            }
        });
        return adds;
    }
}
