package org.resnet4j.spi;

import java.util.Optional;
import java.util.Set;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.TrainingStep;

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

    /**
     * A training step of this backend's own for {@code model}, {@code loss} and {@code optimizer} (for example the
     * forward pass, backward pass and update traced into one native graph), with the model's parameters uploaded;
     * or empty, the default, and {@code fit} uses the generic {@link org.resnet4j.training.TapeTrainingStep} over
     * {@link #ops()}. A backend that returns one must give the results of the generic step (within float32 rounding):
     * the same loss, predictions, updated weights and optimizer state ({@link TrainingStep}'s contract), and must
     * honour {@link Optimizer#setLearningRate} between steps.
     */
    default Optional<TrainingStep> trainingStep(Model model, Loss loss, Optimizer optimizer) {
        return Optional.empty();
    }

    /** Closes every model this backend compiled, then frees what it holds. Idempotent. */
    @Override
    void close();
}
