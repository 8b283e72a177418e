package org.resnet4j.spi;

import java.util.Set;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;

/**
 * A running backend: the primitive {@link Ops} and the ability to {@link #compile} a model. Its ops must be safe
 * to call from several threads at once. Closing it closes every model it compiled (a backend keeps them in a
 * {@link CompiledModels}), then releases what it holds natively.
 */
public interface Backend extends AutoCloseable {
    /** The provider's name, for example {@code "tf"}. */
    String name();

    /** The primitive operations, eager or symbolic. */
    Ops ops();

    /** What this backend can do beyond the primitives. */
    Set<Capability> capabilities();

    /**
     * Prepares {@code model} for repeated inference with the weights its {@link Model#parameters()} hold now. The
     * result is an {@link AbstractCompiledModel} kept by the backend's {@link CompiledModels}: a backend with no
     * graph of its own returns an {@link InterpretedModel}, which interprets the model layer by layer on
     * {@link #ops()}; others build a native graph or plan. Throws an {@link IllegalStateException} once the backend
     * is closed.
     */
    CompiledModel compile(Model model);

    /** Closes every model this backend compiled, then frees what it holds. Idempotent. */
    @Override
    void close();
}
