package org.resnet4j.backend.nd4j;

import org.resnet4j.nn.Model;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.training.ForwardingTrainingStep;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.StepResult;
import org.resnet4j.training.TapeTrainingStep;

/**
 * The nd4j backend's training step: the generic {@link TapeTrainingStep} over ops that take every array from an
 * {@link Nd4jArrayPool} of their own and get it back when its tensor is closed. A step's activations, gradients and
 * temporaries are the same shapes every step, so from the second step on they reuse the first step's memory instead
 * of mapping, faulting in and zeroing fresh pages for each of them (about a third of a step's time when measured;
 * see docs/training.md, "Speed"); the pool keeps as much as a step holds at its peak, more than its limit where a
 * step needs more ({@link Nd4jArrayPool#followingDemand}). The results are the generic step's exactly: the same primitives run in the same
 * order. Closing the step frees the pool. Every so many steps it asks the JVM for a full garbage collection
 * ({@link Nd4jGarbageSchedule}): ND4J frees the native part of its op contexts and array views only then, and
 * without it the resident set grew steadily.
 */
final class Nd4jTrainingStep extends ForwardingTrainingStep {
    private final Nd4jArrayPool pool;
    private final Nd4jGarbageSchedule garbage;

    /** Uploads the model's parameters now. */
    Nd4jTrainingStep(Model model, Loss loss, Optimizer optimizer) {
        this(model, loss, optimizer, Nd4jGarbageSchedule.configured());
    }

    /** As {@link #Nd4jTrainingStep(Model, Loss, Optimizer)}, collecting garbage on {@code garbage}'s schedule. */
    Nd4jTrainingStep(Model model, Loss loss, Optimizer optimizer, Nd4jGarbageSchedule garbage) {
        this(Nd4jArrayPool.followingDemand(Nd4jSettings.poolBytes()), model, loss, optimizer, garbage);
    }

    private Nd4jTrainingStep(Nd4jArrayPool pool, Model model, Loss loss, Optimizer optimizer,
            Nd4jGarbageSchedule garbage) {
        super(TapeTrainingStep.on(Nd4jOps.recycling(pool), model, loss, optimizer));
        this.pool = pool;
        this.garbage = garbage;
    }

    /** The generic step, then the garbage schedule's count. */
    @Override
    public StepResult step(HostTensor images, int[] labels, long dropoutSeed) {
        StepResult result = super.step(images, labels, dropoutSeed);
        garbage.stepTaken();
        return result;
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
