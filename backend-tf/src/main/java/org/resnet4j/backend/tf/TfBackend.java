package org.resnet4j.backend.tf;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.AbstractBackend;
import org.resnet4j.spi.AbstractCompiledModel;
import org.resnet4j.spi.Capability;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.TrainingStep;
import org.tensorflow.EagerSession;

/**
 * The TensorFlow Java backend: eager {@link TfOps} for op-by-op use and tests, and {@link #compile} that traces a
 * model once into a TensorFlow graph run by one session. Closing it closes the eager session (which frees every
 * eager result) and every model it compiled that is still open.
 */
final class TfBackend extends AbstractBackend {
    private final EagerSession eagerSession;
    private final TfOps eagerOps;
    private volatile boolean closed;

    TfBackend() {
        super(TfBackendProvider.NAME);
        eagerSession = EagerSession.options().config(TfSettings.config()).build();
        eagerOps = new TfOps(org.tensorflow.op.Ops.create(eagerSession), true);
    }

    /** Eager ops: each call runs at once. Their results' native memory is freed when this backend closes. */
    @Override
    public TfOps ops() {
        requireOpen();
        return eagerOps;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.GRAPH_COMPILATION);
    }

    /**
     * tf's compiled training step ({@link TfTrainingStep}: the whole step as one graph) when it covers the loss and
     * optimizer, empty otherwise (fit then uses the eager tape).
     */
    @Override
    public Optional<TrainingStep> trainingStep(Model model, Loss loss, Optimizer optimizer) {
        requireOpen();
        return TfTrainingStep.of(model, loss, optimizer);
    }

    /** Traces {@code model} into a TensorFlow graph with its current weights as constants. */
    @Override
    protected AbstractCompiledModel compileModel(Model model) {
        return new TfCompiledModel(model);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The TensorFlow backend is closed");
        }
    }

    /** Closes the eager session, which frees every eager result; the compiled models are closed before. */
    @Override
    protected void release() {
        closed = true;
        eagerSession.close();
    }
}
