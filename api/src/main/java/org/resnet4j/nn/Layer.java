package org.resnet4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.resnet4j.ops.ArgumentErrors;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A Keras-style layer: knows its output shape and parameters for given input shapes, and computes its output
 * with the primitive {@link Ops} of whatever backend runs it. Shapes seen by layers are per sample (no batch
 * dimension, like Keras' {@code Input(shape=...)}); tensors passed to {@link #forward} carry the batch first.
 *
 * <p>A layer without an explicit name gets a Keras-style one ({@code conv2d}, {@code conv2d_1}, ...) when its
 * model is built.
 */
public abstract class Layer {
    private String name;

    /** @param name the layer's name, or {@code null} to have the model assign one */
    protected Layer(String name) {
        if (name != null && (name.isBlank() || name.contains("/"))) {
            throw new IllegalArgumentException("A layer name must be non-blank and contain no '/'. Received: \"" + name + "\"");
        }
        this.name = name;
    }

    /**
     * The class name Keras prints in a summary and saves with the layer, for example {@code "Conv2D"}: by default
     * this class's simple name, as Keras takes a layer's Python class name (the built-in layers are named after
     * Keras' classes). A layer whose Keras name differs overrides it.
     */
    public String typeName() {
        return getClass().getSimpleName();
    }

    /** The name: explicit, assigned by the model, or until then the Keras base name such as {@code conv2d}. */
    public final String name() {
        return name != null ? name : baseName();
    }

    /** Whether a name was given or assigned. */
    final boolean isNamed() {
        return name != null;
    }

    /** The explicit or assigned name, or {@code null}: what a modified copy of this layer keeps. */
    final String nameOrNull() {
        return name;
    }

    final void assignName(String assigned) {
        this.name = assigned;
    }

    /** The prefix of automatic names: the type name in snake case, as Keras derives it. */
    public String baseName() {
        String s = typeName().replaceAll("(.)([A-Z][a-z0-9]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The per-sample output shape for the given per-sample input shapes. Throws an
     * {@link IllegalArgumentException} naming this layer, the expected and the received shapes when they do not fit.
     */
    public abstract Shape outputShape(List<Shape> inputShapes);

    /** The parameters this layer owns for the given input shapes; none by default. */
    public List<ParameterSpec> parameterSpecs(List<Shape> inputShapes) {
        return List.of();
    }

    /**
     * The settings that, with {@link #typeName()} and {@link #name()}, rebuild this layer (Keras' {@code get_config()}):
     * JSON-ready values under snake_case keys, read back by the type's {@link LayerFactory}. Empty for a layer without
     * settings; a layer with settings that should survive saving and loading overrides this.
     */
    public Map<String, Object> config() {
        return Map.of();
    }

    /** Computes the output from batched inputs. */
    public abstract Tensor forward(Ops ops, List<Tensor> inputs, LayerWeights weights);

    /** How many inputs this layer takes; -1 for "two or more" (Add). */
    public int arity() {
        return 1;
    }

    /** Applies this layer to nodes of a graph under construction; the output shape is inferred (and checked) now. */
    public final Node apply(Node... inputs) {
        int arity = arity();
        if (arity >= 0 && inputs.length != arity) {
            throw ArgumentErrors.expects(name(), arity + " input" + (arity == 1 ? "" : "s"),
                    inputs.length + " input" + (inputs.length == 1 ? "" : "s"));
        }
        if (arity < 0 && inputs.length < 2) {
            throw ArgumentErrors.expects(name(), "at least 2 inputs",
                    inputs.length + " input" + (inputs.length == 1 ? "" : "s"));
        }
        List<Node> in = List.of(inputs);
        Shape out = outputShape(in.stream().map(Node::shape).toList());
        return new Node(this, in, out);
    }

    /** A shape error in the ops' wording ({@link ArgumentErrors}): {@code NAME expects WHAT, received: shape=[...]}. */
    protected final IllegalArgumentException shapeError(String expectation, Shape received) {
        return ArgumentErrors.expects(name(), expectation, "shape=" + received);
    }

    /** The same for layers with several inputs: {@code NAME expects WHAT, received: shapes=[[...], [...]]}. */
    protected final IllegalArgumentException shapeError(String expectation, List<Shape> received) {
        return ArgumentErrors.expects(name(), expectation, "shapes=" + Arrays.toString(received.toArray()));
    }

    @Override
    public String toString() {
        return name() + " (" + typeName() + ")";
    }
}
