package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.resnet4j.nn.Model;
import org.resnet4j.plan.OpPlanner;
import org.resnet4j.spi.AbstractCompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * A model compiled for the GPU: planned by the api's {@link OpPlanner} (batch norms folded into the convolutions,
 * ReLUs fused, in-place ReLU and Add), one {@link CudaExecutionPlan} per set of input shapes (launches bound, one
 * preplanned activation arena), weights uploaded once and shared by all plans. The plan for batch 1 is built by the
 * constructor; another batch size builds (and allocates) its plan on its first call and then reuses it, up to
 * {@link CudaPlanCache#DEFAULT_CAPACITY} plans (or {@code -Dresnet4j.jcuda.maxPlans}), the least recently used one
 * freed first. The planner keeps its own last {@link OpPlanner#CACHED_PLANS} host-side op plans (no GPU memory);
 * only this cache holds arenas, so the GPU memory stays bounded by it. Calls are serialised on the GPU context; the
 * skeleton ({@link AbstractCompiledModel}) checks the inputs and keeps {@link #close()} from freeing memory under a
 * running call.
 */
final class CudaCompiledModel extends AbstractCompiledModel {
    private final CudaContext context;
    private final OpPlanner planner;
    private final Map<String, CudaBuffer> uploaded = new HashMap<>();
    private final CudaPlanCache<List<Shape>, CudaExecutionPlan> plans =
            CudaPlanCache.fromSystemProperty(CudaExecutionPlan::close);

    CudaCompiledModel(Model model, CudaContext context) {
        super(model);
        this.context = context;
        this.planner = OpPlanner.forInference(model);
        List<Shape> batchOne = new ArrayList<>();
        for (var in : model.inputs()) {
            batchOne.add(in.shape().withBatch(1));
        }
        synchronized (context) {
            try {
                plans.get(List.copyOf(batchOne), this::plan);
            } catch (RuntimeException | Error e) {
                release();
                throw e;
            }
        }
    }

    @Override
    protected List<HostTensor> compute(HostTensor[] inputs) {
        List<Shape> shapes = new ArrayList<>();
        for (HostTensor in : inputs) {
            shapes.add(in.shape());
        }
        synchronized (context) {
            // Making the context current first: a plan dropped to make room frees its arena with the driver.
            context.makeCurrent();
            return plans.get(List.copyOf(shapes), this::plan).run(inputs);
        }
    }

    /** Traces and allocates the plan for these input shapes; the caller holds the context's lock. */
    private CudaExecutionPlan plan(List<Shape> inputShapes) {
        context.makeCurrent();
        return new CudaExecutionPlan(context, planner.plan(inputShapes), this::weight);
    }

    /** The device copy of a weight the plans name, uploaded on first use and shared by every plan. */
    private CUdeviceptr weight(String name) {
        CudaBuffer b = uploaded.get(name);
        if (b == null) {
            HostTensor value = planner.weight(name);
            long bytes = value.shape().sizeAsLong() * Float.BYTES;
            b = CudaBuffer.allocate(context, bytes, "weight " + name);
            uploaded.put(name, b);
            CudaDriver.check(JCudaDriver.cuMemcpyHtoD(b.pointer(), Pointer.to(value.data()), bytes),
                    "cuMemcpyHtoD", "weight " + name);
        }
        return b.pointer();
    }

    /** Frees every plan's arena and the weights. */
    @Override
    protected void release() {
        synchronized (context) {
            context.makeCurrent();
            plans.clear();
            uploaded.values().forEach(CudaBuffer::release);
            uploaded.clear();
        }
    }

    /** The input shapes of the plans kept now, least recently used first (for tests). */
    List<List<Shape>> plannedShapes() {
        synchronized (context) {
            return plans.keys();
        }
    }
}
