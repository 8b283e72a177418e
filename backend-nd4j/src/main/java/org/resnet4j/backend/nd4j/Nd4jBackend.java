package org.resnet4j.backend.nd4j;

import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.AbstractBackend;
import org.resnet4j.spi.AbstractCompiledModel;
import org.resnet4j.training.Loss;
import org.resnet4j.training.Optimizer;
import org.resnet4j.training.TrainingStep;

/**
 * The ND4J backend: eager {@link Nd4jOps} on ND4J's CPU natives, {@link #compile} that prepares a model once
 * ({@link Nd4jCompiledModel}: batch norms folded, weights uploaded, the op sequence planned), and a training step
 * whose arrays are pooled ({@link Nd4jTrainingStep}). Closing it closes
 * every model it compiled; ND4J's natives stay loaded for the life of the JVM, and eager tensors are freed by their
 * own {@code close()}.
 */
final class Nd4jBackend extends AbstractBackend {
    private final Nd4jOps ops;

    /** Loads ND4J's natives (the first call takes a second or two). */
    public Nd4jBackend() {
        super(Nd4jBackendProvider.NAME);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4jSettings.apply();
        this.ops = new Nd4jOps();
    }

    @Override
    public Ops ops() {
        return ops;
    }

    /**
     * Folds batch norms into convolutions, uploads the weights once and plans the op sequence; see
     * {@link Nd4jCompiledModel}.
     */
    @Override
    protected AbstractCompiledModel compileModel(Model model) {
        return new Nd4jCompiledModel(model, ops);
    }

    /**
     * The generic tape step on ops that recycle their arrays through a pool of the step's own
     * ({@link Nd4jTrainingStep}): the same results, without fresh memory for every activation of every step.
     */
    @Override
    public Optional<TrainingStep> trainingStep(Model model, Loss loss, Optimizer optimizer) {
        return Optional.of(new Nd4jTrainingStep(model, loss, optimizer));
    }

    @Override
    public String toString() {
        return "Nd4jBackend[" + Nd4j.getBackend().getClass().getSimpleName() + "]";
    }
}
