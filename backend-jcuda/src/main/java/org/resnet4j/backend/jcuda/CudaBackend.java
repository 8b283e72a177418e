package org.resnet4j.backend.jcuda;

import java.util.EnumSet;
import java.util.Set;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.Capability;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.spi.CompiledModels;

/**
 * The raw CUDA backend: eager {@link CudaOps} on GPU 0 and a launch-plan {@link #compile}. Closing it closes every
 * model it compiled, then the context.
 */
final class CudaBackend implements Backend {
    private final CudaContext context;
    private final CudaOps ops;
    private final CompiledModels compiled = new CompiledModels(CudaBackendProvider.NAME);

    CudaBackend() {
        this.context = new CudaContext();
        this.ops = new CudaOps(context);
    }

    @Override
    public String name() {
        return CudaBackendProvider.NAME;
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
    public CompiledModel compile(Model model) {
        return compiled.track(() -> new CudaCompiledModel(model, context));
    }

    @Override
    public void close() {
        // The models first: their buffers must be freed while the context still exists.
        compiled.closeAll();
        context.close();
    }
}
