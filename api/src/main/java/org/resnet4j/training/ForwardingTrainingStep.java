package org.resnet4j.training;

import java.util.Map;
import java.util.Objects;
import org.resnet4j.tensor.HostTensor;

/**
 * A {@link TrainingStep} that hands every call to another one: the base of a step that adds something around a
 * step (a backend's memory pool freed on close, a test counting calls) and overrides only what it changes.
 */
public abstract class ForwardingTrainingStep implements TrainingStep {
    private final TrainingStep delegate;

    /** Forwards to {@code delegate}. */
    protected ForwardingTrainingStep(TrainingStep delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The step every call goes to. */
    protected final TrainingStep delegate() {
        return delegate;
    }

    @Override
    public StepResult step(HostTensor images, int[] labels, long dropoutSeed) {
        return delegate.step(images, labels, dropoutSeed);
    }

    @Override
    public HostTensor predict(HostTensor images) {
        return delegate.predict(images);
    }

    @Override
    public Map<String, HostTensor> weights() {
        return delegate.weights();
    }

    @Override
    public void setWeights(Map<String, HostTensor> weights) {
        delegate.setWeights(weights);
    }

    @Override
    public Map<String, HostTensor> optimizerState() {
        return delegate.optimizerState();
    }

    @Override
    public void loadOptimizerState(Map<String, HostTensor> state) {
        delegate.loadOptimizerState(state);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
