package org.resnet4j.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.resnet4j.nn.InputShapes;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The skeleton every {@link CompiledModel} is built on, so that all backends check inputs, close and share calls
 * between threads the same way. A backend writes only its computing: {@link #compute} and {@link #release}.
 *
 * <ul>
 *   <li>Inputs are checked by {@link InputShapes#check}, the rule {@link Model#forward} uses, before
 *       {@link #compute} sees them.</li>
 *   <li>Predictions from several threads run at once; {@link #compute} must allow that (or serialise itself).</li>
 *   <li>{@link #close()} waits for the predictions in flight, then calls {@link #release} once; a prediction that
 *       starts later gets an {@link IllegalStateException} saying the model is closed. Closing again does
 *       nothing.</li>
 * </ul>
 */
public abstract class AbstractCompiledModel implements CompiledModel {
    private final Model model;
    private final Lifecycle lifecycle;
    // Set by the CompiledModels that keeps this model, so that closing the model alone lets the registry forget it.
    private volatile Runnable onClose = () -> { };

    /** @param model the model as the user built it: its inputs are what callers must feed */
    protected AbstractCompiledModel(Model model) {
        this.model = Objects.requireNonNull(model, "model");
        this.lifecycle = new Lifecycle(() -> "Compiled model \"" + model.name()
                + "\" is closed; compile the model again to predict");
    }

    @Override
    public final Model model() {
        return model;
    }

    @Override
    public final List<HostTensor> predictAll(HostTensor... inputs) {
        return lifecycle.whileOpen(() -> {
            List<Shape> shapes = new ArrayList<>(inputs.length);
            for (HostTensor in : inputs) {
                shapes.add(in == null ? null : in.shape());
            }
            InputShapes.check(model, shapes);
            return compute(inputs);
        });
    }

    /**
     * Runs the model on inputs that passed {@link InputShapes#check} and returns every output, in the model's output
     * order. May be called from several threads at once; never runs during or after {@link #release}.
     */
    protected abstract List<HostTensor> compute(HostTensor[] inputs);

    /**
     * Frees what this model holds (native memory, sessions, device buffers). Called once, by the first
     * {@link #close()}, when no {@link #compute} is running.
     */
    protected abstract void release();

    /** Waits for the predictions in flight, then frees the model's memory. Idempotent. */
    @Override
    public final void close() {
        try {
            lifecycle.close(this::release);
        } finally {
            onClose.run();
        }
    }

    /** Whether {@link #close()} has run. */
    public final boolean isClosed() {
        return lifecycle.isClosed();
    }

    /** Registers what to do once this model is closed; used by {@link CompiledModels}. */
    final void whenClosed(Runnable action) {
        onClose = action;
    }
}
