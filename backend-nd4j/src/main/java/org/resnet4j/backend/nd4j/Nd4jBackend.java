package org.resnet4j.backend.nd4j;

import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.Capability;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.spi.CompiledModels;

/**
 * The ND4J backend: eager {@link Nd4jOps} on ND4J's CPU natives, and {@link #compile} that prepares a model once
 * ({@link Nd4jCompiledModel}: batch norms folded, weights uploaded, the op sequence planned). Closing it closes
 * every model it compiled.
 */
final class Nd4jBackend implements Backend {
    private final Nd4jOps ops;
    private final CompiledModels compiled = new CompiledModels(Nd4jBackendProvider.NAME);

    /** Loads ND4J's natives (the first call takes a second or two). */
    public Nd4jBackend() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4jSettings.apply();
        this.ops = new Nd4jOps();
    }

    @Override
    public String name() {
        return Nd4jBackendProvider.NAME;
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
    public CompiledModel compile(Model model) {
        return compiled.track(() -> new Nd4jCompiledModel(model, ops));
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    /**
     * Closes every model it compiled. ND4J's natives stay loaded for the life of the JVM; eager tensors are freed by
     * their own {@code close()}.
     */
    @Override
    public void close() {
        compiled.closeAll();
    }

    @Override
    public String toString() {
        return "Nd4jBackend[" + Nd4j.getBackend().getClass().getSimpleName() + "]";
    }
}
