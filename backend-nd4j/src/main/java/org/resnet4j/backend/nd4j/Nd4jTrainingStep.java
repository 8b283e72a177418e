package org.resnet4j.backend.nd4j;

import java.util.Map;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.StepResult;
import org.resnet4j.training.TapeTrainingStep;
import org.resnet4j.training.TrainingStep;

/**
 * The nd4j backend's training step: the generic {@link TapeTrainingStep} over ops that take every array from an
 * {@link Nd4jArrayPool} of their own and get it back when its tensor is closed. A step's activations, gradients and
 * temporaries are the same shapes every step, so from the second step on they reuse the first step's memory instead
 * of mapping, faulting in and zeroing fresh pages for each of them (about a third of a step's time when measured;
 * see docs/training.md, "Speed"). The results are the generic step's exactly: the same primitives run in the same
 * order. Closing the step frees the pool.
 */
final class Nd4jTrainingStep implements TrainingStep {
    private final Nd4jArrayPool pool;
    private final TapeTrainingStep step;

    /** Uploads the model's parameters now. */
    Nd4jTrainingStep(Model model, Loss loss, Optimizer optimizer) {
        this.pool = new Nd4jArrayPool(Nd4jSettings.poolBytes());
        this.step = TapeTrainingStep.on(Nd4jOps.recycling(pool), model, loss, optimizer);
    }

    @Override
    public StepResult step(HostTensor images, int[] labels, long dropoutSeed) {
        return step.step(images, labels, dropoutSeed);
    }

    @Override
    public HostTensor predict(HostTensor images) {
        return step.predict(images);
    }

    @Override
    public Map<String, HostTensor> weights() {
        return step.weights();
    }

    @Override
    public void setWeights(Map<String, HostTensor> values) {
        step.setWeights(values);
    }

    @Override
    public Map<String, HostTensor> optimizerState() {
        return step.optimizerState();
    }

    @Override
    public void loadOptimizerState(Map<String, HostTensor> state) {
        step.loadOptimizerState(state);
    }

    /** Bytes the pool holds for reuse now (for tests). */
    long pooledBytes() {
        return pool.pooledBytes();
    }

    /** Closes the generic step (parameters, optimizer state), then frees the pool. */
    @Override
    public void close() {
        try {
            step.close();
        } finally {
            pool.close();
        }
    }
}
