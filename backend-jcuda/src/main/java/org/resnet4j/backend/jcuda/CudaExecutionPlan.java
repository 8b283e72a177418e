package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.resnet4j.plan.OpPlan;
import org.resnet4j.plan.PlanOperand;
import org.resnet4j.plan.PlanStep;
import org.resnet4j.plan.PlanWeight;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The api's {@link OpPlan} for one set of input shapes, bound to the GPU: one arena allocated once with every value
 * at the offset {@link CudaBufferPlanner} gives it, and every step's launch built once with its pointers bound.
 * Running it copies the inputs in, enqueues the launches, and copies the outputs out; it allocates no device memory.
 */
final class CudaExecutionPlan implements AutoCloseable {
    private final CudaContext context;
    private final CudaBuffer arena;
    private final long arenaBytes;
    private final List<CudaLaunch> launches = new ArrayList<>();
    private final List<CUdeviceptr> inputPointers = new ArrayList<>();
    private final List<Shape> inputShapes = new ArrayList<>();
    private final List<CUdeviceptr> outputPointers = new ArrayList<>();
    private final List<Shape> outputShapes = new ArrayList<>();

    /**
     * @param weights the device pointer of each weight the plan names (uploaded once by the compiled model)
     */
    CudaExecutionPlan(CudaContext context, OpPlan plan, Function<String, CUdeviceptr> weights) {
        this.context = context;
        CudaBufferPlanner.Plan placement = CudaBufferPlanner.plan(CudaBufferPlanner.requests(plan));
        this.arenaBytes = placement.arenaBytes();
        this.arena = CudaBuffer.allocate(context, arenaBytes, "activation arena");
        try {
            CUdeviceptr[] values = new CUdeviceptr[plan.valueCount()];
            for (int v = 0; v < values.length; v++) {
                values[v] = arena.pointer().withByteOffset(placement.offsets()[v]);
            }
            for (PlanStep step : plan.steps()) {
                launches.add(launch(step, values, weights));
            }
            for (PlanOperand in : plan.inputs()) {
                inputPointers.add(values[in.value()]);
                inputShapes.add(in.shape());
            }
            for (PlanOperand out : plan.outputs()) {
                outputPointers.add(values[out.value()]);
                outputShapes.add(out.shape());
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
            CudaDriver.check(JCudaDriver.cuMemcpyHtoD(inputPointers.get(i), Pointer.to(inputs[i].data()), bytes),
                    "cuMemcpyHtoD", "model input " + i + " " + inputShapes.get(i));
        }
        for (CudaLaunch l : launches) {
            l.enqueue(context);
        }
        context.synchronize("compiled model run");
        List<HostTensor> result = new ArrayList<>(outputPointers.size());
        for (int i = 0; i < outputPointers.size(); i++) {
            Shape shape = outputShapes.get(i);
            float[] data = new float[shape.size()];
            CudaDriver.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(data), outputPointers.get(i),
                    (long) data.length * Float.BYTES), "cuMemcpyDtoH", "model output " + i + " " + shape);
            result.add(HostTensor.of(shape, data));
        }
        return result;
    }

    /** The launch of one step; an in-place step gets the same pointer for its input and its output. */
    private static CudaLaunch launch(PlanStep s, CUdeviceptr[] values, Function<String, CUdeviceptr> weights) {
        CUdeviceptr x = values[s.input(0).value()];
        CUdeviceptr y = values[s.output().value()];
        Shape in = s.input(0).shape();
        Shape out = s.output().shape();
        return switch (s.op()) {
            case CONV2D -> CudaLaunches.conv2d(x, in, weight(s, 0, weights), s.weight(0).shape(),
                    weight(s, 1, weights), out, s.conv2dOptions(), s.fusedRelu(), y);
            case DENSE -> CudaLaunches.dense(x, weight(s, 0, weights), weight(s, 1, weights), out.dim(0), in.dim(1),
                    out.dim(1), s.fusedRelu(), y);
            case BATCH_NORM -> CudaLaunches.batchNorm(x, in, weight(s, 0, weights), weight(s, 1, weights),
                    weight(s, 2, weights), weight(s, 3, weights), s.epsilon(), s.fusedRelu(), y);
            case RELU -> CudaLaunches.relu(x, in.sizeAsLong(), y);
            case ADD -> CudaLaunches.add(x, values[s.input(1).value()], in.sizeAsLong(), s.fusedRelu(), y);
            case MAX_POOL -> CudaLaunches.pool(CudaKernel.MAX_POOL, x, in, out, s.poolOptions(), y);
            case AVG_POOL -> CudaLaunches.pool(CudaKernel.AVG_POOL, x, in, out, s.poolOptions(), y);
            case GLOBAL_AVG_POOL -> CudaLaunches.globalAvgPool(x, in, y);
            case ZERO_PAD -> CudaLaunches.zeroPad(x, in, out, s.padding(), y);
            case SOFTMAX -> CudaLaunches.softmax(x, in.dim(0), in.dim(1), y);
        };
    }

    /** The weight's device pointer, or {@code null} for an absent bias (the kernels then add nothing). */
    private static CUdeviceptr weight(PlanStep s, int i, Function<String, CUdeviceptr> weights) {
        PlanWeight w = s.weight(i);
        return w == null ? null : weights.apply(w.name());
    }

    @Override
    public void close() {
        arena.release();
    }
}
