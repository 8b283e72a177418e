package org.resnet4j.spi;

import java.util.Set;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;

/**
 * A running backend: the primitive {@link Ops} and the ability to {@link #compile} a model. Its ops must be safe
 * to call from several threads at once. Closing it releases what it holds natively.
 */
public interface Backend extends AutoCloseable {
    /** The provider's name, for example {@code "tf"}. */
    String name();

    /** The primitive operations, eager or symbolic. */
    Ops ops();

    /** What this backend can do beyond the primitives. */
    Set<Capability> capabilities();

    /**
     * Prepares {@code model} for repeated inference with the weights its {@link Model#parameters()} hold now.
     * The default uploads the weights once and interprets the model layer by layer on {@link #ops()}; a backend
     * may build a native graph instead.
     */
    default CompiledModel compile(Model model) {
        return new InterpretedModel(model, ops());
    }

    @Override
    void close();
}
