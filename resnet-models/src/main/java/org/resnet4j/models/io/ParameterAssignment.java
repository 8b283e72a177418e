package org.resnet4j.models.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.resnet4j.nn.ParameterStore;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Copies a complete set of named tensors into a {@link ParameterStore}, strictly: every parameter of the model must
 * be given, nothing else may be given, and every shape must match. All problems are collected and reported in one
 * error, so a user fixing a converted file sees every mismatch at once. Nothing is written unless all is well.
 */
public final class ParameterAssignment {
    private ParameterAssignment() {
    }

    /**
     * Checks {@code tensors} (full parameter name to value) against {@code store} and, when they match exactly,
     * stores them. {@code source} names the file in error messages.
     */
    public static void assignStrict(ParameterStore store, Map<String, HostTensor> tensors, String source) {
        Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
        tensors.forEach((name, value) -> shapes.put(name, value.shape()));
        check(store, shapes, source);
        for (String name : store.names()) {
            store.set(name, tensors.get(name));
        }
    }

    /**
     * Checks that {@code shapes} (full parameter name to the shape found in the file) are exactly the model's
     * parameters; readers call this before reading any data, so a corrupt shape never causes a huge allocation.
     */
    public static void check(ParameterStore store, Map<String, Shape> shapes, String source) {
        List<String> problems = new ArrayList<>();
        Set<String> unexpected = new TreeSet<>(shapes.keySet());
        for (String name : store.names()) {
            Shape expected = store.shape(name);
            Shape found = shapes.get(name);
            unexpected.remove(name);
            if (found == null) {
                problems.add("missing tensor " + name + " (model expects shape=" + expected + ")");
            } else if (!found.equals(expected)) {
                problems.add("tensor " + name + " has shape=" + found + " but the model expects shape="
                        + expected);
            }
        }
        for (String name : unexpected) {
            problems.add("unexpected tensor " + name + " with shape=" + shapes.get(name)
                    + " (the model has no such parameter)");
        }
        if (!problems.isEmpty()) {
            throw new WeightFileException(source + " does not match the model: " + String.join("; ", problems));
        }
    }
}
