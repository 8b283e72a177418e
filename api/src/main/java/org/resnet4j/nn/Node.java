package org.resnet4j.nn;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.resnet4j.tensor.Shape;

/**
 * The output of a layer applied to other nodes: a vertex of the model graph, with its per-sample shape known
 * when it is created. Nodes are numbered in creation order, which is a topological order.
 */
public final class Node {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Layer layer;
    private final List<Node> inputs;
    private final Shape shape;
    private final long id;

    Node(Layer layer, List<Node> inputs, Shape shape) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        this.shape = shape;
        this.id = SEQUENCE.incrementAndGet();
    }

    /** The layer that produces this node. */
    public Layer layer() {
        return layer;
    }

    /** The nodes this one is computed from, in order. */
    public List<Node> inputs() {
        return inputs;
    }

    /** The per-sample shape (no batch dimension). */
    public Shape shape() {
        return shape;
    }

    long id() {
        return id;
    }

    @Override
    public String toString() {
        return layer.name() + " -> " + shape;
    }
}
