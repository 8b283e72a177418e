package org.resnet4j.tutorials.lesson05;

import java.util.ArrayList;
import java.util.List;

/** A printed model summary, from which the lesson quotes the rows of single layers. */
public final class SummaryText {
    private final List<String> lines;

    /** @param summary the text of {@code Model.summary()} */
    public SummaryText(String summary) {
        this.lines = summary.lines().map(String::stripTrailing).toList();
    }

    /**
     * The row of the layer called {@code layer}, with its continuation lines (an {@code Add} lists each of its
     * inputs on a line of its own). Throws if the summary has no such layer.
     */
    public List<String> rows(String layer) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(layer + " (")) {
                List<String> rows = new ArrayList<>(List.of(lines.get(i)));
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith(" "); j++) {
                    rows.add(lines.get(j));
                }
                return rows;
            }
        }
        throw new IllegalArgumentException("The summary has no layer named \"" + layer + "\"");
    }
}
