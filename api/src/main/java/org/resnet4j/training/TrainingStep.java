package org.resnet4j.training;

import java.util.Map;
import org.resnet4j.tensor.HostTensor;

/**
 * The seam between {@code fit} and a backend: one model, loss and optimizer whose weights and optimizer state live on
 * a backend, stepped one batch at a time. {@link TapeTrainingStep} is the generic implementation over the
 * {@link org.resnet4j.autodiff.GradientTape}; a backend may supply a faster one (the whole step compiled as one
 * graph) through {@code Backend.trainingStep}, and {@code fit} cannot tell them apart.
 *
 * <p>The weights are uploaded once, when the step is created, from the model's {@code ParameterStore}; they stay on
 * the backend between steps and are downloaded only when asked ({@link #weights()}).
 */
public interface TrainingStep extends AutoCloseable {
    /**
     * One training step on a batch: the forward pass in training mode (batch statistics, moving statistics updated,
     * dropout drawing its masks from {@code dropoutSeed}), the loss, the gradients and the optimizer's update of every
     * trainable weight in place.
     *
     * @param images {@code [n, ...the model's input shape]}
     * @param labels one class index per image, each in {@code [0, classes)} of the model's output
     * @return the batch-mean loss and the model's output for the batch (before the update)
     */
    StepResult step(HostTensor images, int[] labels, long dropoutSeed);

    /**
     * The model's output in inference mode (moving statistics, no dropout) on the current weights: what
     * {@code evaluate} uses.
     */
    HostTensor predict(HostTensor images);

    /** Every parameter (moving statistics too) as it is on the backend now, by the model's names. */
    Map<String, HostTensor> weights();

    /** Replaces the parameters named in {@code weights} on the backend (the others stay). */
    void setWeights(Map<String, HostTensor> weights);

    /** The optimizer's state as {@link Optimizer#state()} names it (for checkpoints). */
    Map<String, HostTensor> optimizerState();

    /** Replaces the optimizer's state with one {@link #optimizerState()} wrote. */
    void loadOptimizerState(Map<String, HostTensor> state);

    /** Frees the weights and optimizer state on the backend. */
    @Override
    void close();
}
