package org.resnet4j.backend.nd4j;

import org.resnet4j.nn.Model;
import org.resnet4j.training.ForwardingTrainingStep;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.TapeTrainingStep;

/**
 * The nd4j backend's training step: the generic {@link TapeTrainingStep} over ops that take every array from an
 * {@link Nd4jArrayPool} of their own and get it back when its tensor is closed. A step's activations, gradients and
 * temporaries are the same shapes every step, so from the second step on they reuse the first step's memory instead
 * of mapping, faulting in and zeroing fresh pages for each of them (about a third of a step's time when measured;
 * see docs/training.md, "Speed"). The results are the generic step's exactly: the same primitives run in the same
 * order. Closing the step frees the pool.
 */
final class Nd4jTrainingStep extends ForwardingTrainingStep {
    private final Nd4jArrayPool pool;

    /** Uploads the model's parameters now. */
    Nd4jTrainingStep(Model model, Loss loss, Optimizer optimizer) {
        this(new Nd4jArrayPool(Nd4jSettings.poolBytes()), model, loss, optimizer);
    }

    private Nd4jTrainingStep(Nd4jArrayPool pool, Model model, Loss loss, Optimizer optimizer) {
        super(TapeTrainingStep.on(Nd4jOps.recycling(pool), model, loss, optimizer));
        this.pool = pool;
    }

    /** Bytes the pool holds for reuse now (for tests). */
    long pooledBytes() {
        return pool.pooledBytes();
    }

    /** Closes the generic step (parameters, optimizer state), then frees the pool. */
    @Override
    public void close() {
        try {
            super.close();
        } finally {
            pool.close();
        }
    }
}
