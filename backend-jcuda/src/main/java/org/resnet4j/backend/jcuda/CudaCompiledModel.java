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
import org.resnet4j.spi.AbstractCompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A model compiled for the GPU: traced once per set of input shapes into an optimised launch plan (BN folded into
 * convolutions, ReLU fused), weights uploaded once and shared by all plans, activations in one preplanned arena.
 * The plan for batch 1 is built by the constructor; another batch size builds (and allocates) its plan on its
 * first call and then reuses it, up to {@link CudaPlanCache#DEFAULT_CAPACITY} plans (or
 * {@code -Dresnet4j.jcuda.maxPlans}), the least recently used one freed first. Calls are serialised on the GPU
 * context; the skeleton ({@link AbstractCompiledModel}) checks the inputs and keeps {@link #close()} from freeing
 * memory under a running call.
 */
final class CudaCompiledModel extends AbstractCompiledModel {
    private final CudaContext context;
    private final Map<String, HostTensor> parameters;
    private final Map<String, CudaBuffer> uploaded = new HashMap<>();
    private final CudaPlanCache<List<Shape>, CudaExecutionPlan> plans =
            CudaPlanCache.fromSystemProperty(CudaExecutionPlan::close);

    CudaCompiledModel(Model model, CudaContext context) {
        super(model);
        this.context = context;
        this.parameters = Map.copyOf(model.parameters().asMap());
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
        List<Tensor> outs = model().forward(trace, weights, inputs);
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
        return new CudaExecutionPlan(context, steps, inputValues, inputShapes, outputValues, outputShapes,
                this::constant);
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
