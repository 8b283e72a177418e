package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The launch sequence of a compiled model for one set of input shapes: one arena allocated once with every
 * activation at its planned offset, and every launch built once with its pointers bound. Running it copies the
 * inputs in, enqueues the launches, and copies the outputs out; it allocates no device memory.
 */
final class CudaExecutionPlan implements AutoCloseable {
    private final CudaContext context;
    private final CudaBuffer arena;
    private final long arenaBytes;
    private final List<CudaLaunch> launches = new ArrayList<>();
    private final List<CUdeviceptr> inputSlots = new ArrayList<>();
    private final List<Shape> inputShapes;
    private final List<CUdeviceptr> outputSlots = new ArrayList<>();
    private final List<Shape> outputShapes;

    /**
     * @param constants device pointer of each constant value (uploaded once by the compiled model)
     */
    CudaExecutionPlan(CudaContext context, List<CudaTraceStep> steps, List<CudaTraceValue> inputs,
            List<Shape> inputShapes, List<CudaTraceValue> outputs, List<Shape> outputShapes,
            Function<CudaTraceValue, CUdeviceptr> constants) {
        this.context = context;
        this.inputShapes = inputShapes;
        this.outputShapes = outputShapes;
        CudaPlanLiveness liveness = new CudaPlanLiveness(steps, inputs, Set.copyOf(outputs));
        CudaBufferPlanner.Plan plan = CudaBufferPlanner.plan(liveness.requests);
        this.arenaBytes = plan.arenaBytes();
        this.arena = CudaBuffer.allocate(context, arenaBytes, "activation arena");
        try {
            Map<CudaTraceValue, CUdeviceptr> where = new HashMap<>();
            for (int i = 0; i < liveness.values.size(); i++) {
                where.put(liveness.values.get(i), arena.pointer().withByteOffset(plan.offsets()[i]));
            }
            Function<CudaTraceValue, CUdeviceptr> pointer = v -> v == null ? null
                    : v.kind == CudaTraceValue.Kind.CONSTANT ? constants.apply(v) : where.get(v);
            for (CudaTraceStep s : steps) {
                launches.add(launch(s, pointer));
            }
            for (CudaTraceValue in : inputs) {
                inputSlots.add(where.get(in));
            }
            for (CudaTraceValue out : outputs) {
                outputSlots.add(pointer.apply(out));
            }
        } catch (RuntimeException | Error e) {
            arena.release();
            throw e;
        }
    }

    long arenaBytes() {
        return arenaBytes;
    }

    int launchCount() {
        return launches.size();
    }

    /** Runs the plan; the caller holds the context's lock. */
    List<HostTensor> run(HostTensor[] inputs) {
        context.makeCurrent();
        for (int i = 0; i < inputs.length; i++) {
            long bytes = inputShapes.get(i).sizeAsLong() * Float.BYTES;
            CudaDriver.check(JCudaDriver.cuMemcpyHtoD(inputSlots.get(i), Pointer.to(inputs[i].data()), bytes),
                    "cuMemcpyHtoD", "model input " + i + " " + inputShapes.get(i));
        }
        for (CudaLaunch l : launches) {
            l.enqueue(context);
        }
        context.synchronize("compiled model run");
        List<HostTensor> result = new ArrayList<>(outputSlots.size());
        for (int i = 0; i < outputSlots.size(); i++) {
            Shape shape = outputShapes.get(i);
            float[] data = new float[shape.size()];
            CudaDriver.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(data), outputSlots.get(i),
                    (long) data.length * Float.BYTES), "cuMemcpyDtoH", "model output " + i + " " + shape);
            result.add(HostTensor.of(shape, data));
        }
        return result;
    }

    private static CudaLaunch launch(CudaTraceStep s, Function<CudaTraceValue, CUdeviceptr> p) {
        CUdeviceptr x = p.apply(s.inputs.get(0));
        CUdeviceptr y = p.apply(s.output);
        Shape in = s.inputShapes.get(0);
        Shape out = s.outputShape;
        return switch (s.op) {
            case CONV2D -> CudaLaunches.conv2d(x, in, p.apply(s.constants.get(0)), s.constants.get(0).shape,
                    p.apply(s.constants.get(1)), out, s.convOptions, s.relu, y);
            case DENSE -> CudaLaunches.dense(x, p.apply(s.constants.get(0)), p.apply(s.constants.get(1)),
                    out.dim(0), in.dim(1), out.dim(1), s.relu, y);
            case BATCH_NORM -> CudaLaunches.batchNorm(x, in, p.apply(s.constants.get(0)),
                    p.apply(s.constants.get(1)), p.apply(s.constants.get(2)), p.apply(s.constants.get(3)), s.epsilon,
                    s.relu, y);
            case RELU -> CudaLaunches.relu(x, in.sizeAsLong(), y);
            case ADD -> CudaLaunches.add(x, p.apply(s.inputs.get(1)), in.sizeAsLong(), s.relu, y);
            case MAX_POOL -> CudaLaunches.pool(CudaKernel.MAX_POOL, x, in, out, s.poolOptions, y);
            case AVG_POOL -> CudaLaunches.pool(CudaKernel.AVG_POOL, x, in, out, s.poolOptions, y);
            case GLOBAL_AVG_POOL -> CudaLaunches.globalAvgPool(x, in, y);
            case ZERO_PAD -> CudaLaunches.zeroPad(x, in, out, s.padding, y);
            case SOFTMAX -> CudaLaunches.softmax(x, in.dim(0), in.dim(1), y);
        };
    }

    @Override
    public void close() {
        arena.release();
    }
}
