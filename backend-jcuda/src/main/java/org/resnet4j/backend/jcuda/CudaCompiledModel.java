package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A model compiled for the GPU: traced once per set of input shapes into an optimised launch plan (BN folded into
 * convolutions, ReLU fused), weights uploaded once and shared by all plans, activations in one preplanned arena.
 * The plan for batch 1 is built by the constructor; another batch size builds (and allocates) its plan on its
 * first call and then reuses it. Calls are serialised on the GPU context.
 */
final class CudaCompiledModel implements CompiledModel {
    private final Model model;
    private final CudaContext context;
    private final Map<String, HostTensor> parameters;
    private final Map<String, CudaBuffer> uploaded = new HashMap<>();
    private final Map<List<Shape>, CudaExecutionPlan> plans = new LinkedHashMap<>();
    private boolean closed;

    CudaCompiledModel(Model model, CudaContext context) {
        this.model = model;
        this.context = context;
        this.parameters = Map.copyOf(model.parameters().asMap());
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
        CudaTraceOps trace = new CudaTraceOps();
        List<Tensor> inputs = new ArrayList<>();
        List<CudaTraceValue> inputValues = new ArrayList<>();
        for (Shape s : inputShapes) {
            CudaTraceTensor t = trace.input(s);
            inputs.add(t);
            inputValues.add(t.value);
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> p : parameters.entrySet()) {
            weights.put(p.getKey(), trace.constant(p.getKey(), p.getValue()));
        }
        List<Tensor> outs = model.forward(trace, weights, inputs);
        List<CudaTraceValue> outputValues = new ArrayList<>();
        List<Shape> outputShapes = new ArrayList<>();
        for (Tensor t : outs) {
            CudaTraceTensor c = (CudaTraceTensor) t;
            outputValues.add(c.value);
            outputShapes.add(c.shape());
        }
        Set<CudaTraceValue> outputSet = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        outputSet.addAll(outputValues);
        List<CudaTraceStep> steps = CudaPlanOptimizer.optimise(trace.steps(), outputSet);
        CudaExecutionPlan plan = new CudaExecutionPlan(context, steps, inputValues, inputShapes, outputValues,
                outputShapes, this::constant);
        plans.put(List.copyOf(inputShapes), plan);
        return plan;
    }

    /** The device copy of a constant, uploaded on first use and shared by every plan. */
    private CUdeviceptr constant(CudaTraceValue v) {
        CudaBuffer b = uploaded.get(v.key);
        if (b == null) {
            long bytes = v.bytes();
            b = CudaBuffer.allocate(context, bytes, "weight " + v.key);
            uploaded.put(v.key, b);
            CudaDriver.check(JCudaDriver.cuMemcpyHtoD(b.pointer(), Pointer.to(v.constant.data()), bytes),
                    "cuMemcpyHtoD", "weight " + v.key);
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
