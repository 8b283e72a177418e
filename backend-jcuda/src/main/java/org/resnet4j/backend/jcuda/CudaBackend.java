package org.resnet4j.backend.jcuda;

import java.util.EnumSet;
import java.util.Set;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.AbstractBackend;
import org.resnet4j.spi.AbstractCompiledModel;
import org.resnet4j.spi.Capability;

/**
 * The raw CUDA backend: eager {@link CudaOps} on GPU 0 and a launch-plan {@link #compile}. Closing it closes every
 * model it compiled, then the context.
 */
final class CudaBackend extends AbstractBackend {
    private final CudaContext context;
    private final CudaOps ops;

    CudaBackend() {
        super(CudaBackendProvider.NAME);
        this.context = new CudaContext();
        this.ops = new CudaOps(context);
    }

    @Override
    public Ops ops() {
        return ops;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.GPU, Capability.GRAPH_COMPILATION);
    }

    @Override
    protected AbstractCompiledModel compileModel(Model model) {
        return new CudaCompiledModel(model, context);
    }

    /** Runs after the models are closed: their buffers must be freed while the context still exists. */
    @Override
    protected void release() {
        context.close();
    }
}
