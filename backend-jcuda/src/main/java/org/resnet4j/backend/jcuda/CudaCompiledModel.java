package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.resnet4j.nn.Model;
import org.resnet4j.plan.OpPlanner;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * A model compiled for the GPU: planned by the api's {@link OpPlanner} (batch norms folded into the convolutions,
 * ReLUs fused, in-place ReLU and Add), one {@link CudaExecutionPlan} per set of input shapes (launches bound, one
 * preplanned activation arena), weights uploaded once and shared by all plans. The plan for batch 1 is built by the
 * constructor; another batch size builds (and allocates) its plan on its first call and then reuses it. Calls are
 * serialised on the GPU context.
 */
final class CudaCompiledModel implements CompiledModel {
    private final Model model;
    private final CudaContext context;
    private final OpPlanner planner;
    private final Map<String, CudaBuffer> uploaded = new HashMap<>();
    private final Map<List<Shape>, CudaExecutionPlan> plans = new LinkedHashMap<>();
    private boolean closed;

    CudaCompiledModel(Model model, CudaContext context) {
        this.model = model;
        this.context = context;
        this.planner = OpPlanner.forInference(model);
        List<Shape> batchOne = new ArrayList<>();
        for (var in : model.inputs()) {
            batchOne.add(in.shape().withBatch(1));
        }
        synchronized (context) {
            try {
                plan(batchOne);
            } catch (RuntimeException | Error e) {
                closeLocked();
                throw e;
            }
        }
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public List<HostTensor> predictAll(HostTensor... inputs) {
        List<Shape> shapes = new ArrayList<>();
        for (HostTensor in : inputs) {
            shapes.add(in.shape());
        }
        synchronized (context) {
            if (closed) {
                throw new IllegalStateException("Compiled model \"" + model.name() + "\" is closed");
            }
            return plan(shapes).run(inputs);
        }
    }

    /** The plan for these input shapes, traced and allocated on first use. */
    private CudaExecutionPlan plan(List<Shape> inputShapes) {
        CudaExecutionPlan existing = plans.get(inputShapes);
        if (existing != null) {
            return existing;
        }
        context.makeCurrent();
        CudaExecutionPlan plan = new CudaExecutionPlan(context, planner.plan(inputShapes), this::weight);
        plans.put(List.copyOf(inputShapes), plan);
        return plan;
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

    @Override
    public void close() {
        synchronized (context) {
            closeLocked();
        }
    }

    private void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        context.makeCurrent();
        plans.values().forEach(CudaExecutionPlan::close);
        plans.clear();
        uploaded.values().forEach(CudaBuffer::release);
        uploaded.clear();
    }
}
