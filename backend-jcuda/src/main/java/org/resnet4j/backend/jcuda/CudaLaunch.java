package org.resnet4j.backend.jcuda;

import java.util.List;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * One kernel launch with its arguments bound: built once (by a compiled model, for every call) or per op (eager).
 * Arguments are device pointers ({@code null} for an absent bias), {@code Integer}, {@code Long} (C
 * {@code long long}) or {@code Float}, in the order of the kernel's C signature.
 */
final class CudaLaunch {
    private final CudaKernel kernel;
    private final CudaLaunchGeometry geometry;
    private final Pointer parameters;
    private final List<String> ptxTypes;

    CudaLaunch(CudaKernel kernel, CudaLaunchGeometry geometry, Object... arguments) {
        this.kernel = kernel;
        this.geometry = geometry;
        NativePointerObject[] slots = new NativePointerObject[arguments.length];
        String[] types = new String[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            Object a = arguments[i];
            if (a == null) {
                slots[i] = Pointer.to(new CUdeviceptr());
                types[i] = "u64";
            } else if (a instanceof CUdeviceptr p) {
                slots[i] = Pointer.to(p);
                types[i] = "u64";
            } else if (a instanceof Integer v) {
                slots[i] = Pointer.to(new int[] {v});
                types[i] = "u32";
            } else if (a instanceof Long v) {
                slots[i] = Pointer.to(new long[] {v});
                types[i] = "u64";
            } else if (a instanceof Float v) {
                slots[i] = Pointer.to(new float[] {v});
                types[i] = "f32";
            } else {
                throw new IllegalArgumentException(kernel.entry() + ": unsupported kernel argument " + i + ": " + a);
            }
        }
        this.parameters = Pointer.to(slots);
        this.ptxTypes = List.of(types);
    }

    /** The PTX parameter type each bound argument has ({@code u64}, {@code u32}, {@code f32}), for checking. */
    List<String> ptxTypes() {
        return ptxTypes;
    }

    CudaLaunchGeometry geometry() {
        return geometry;
    }

    /** Enqueues the launch on the context's stream. */
    void enqueue(CudaContext context) {
        CudaDriver.check(JCudaDriver.cuLaunchKernel(context.function(kernel),
                geometry.gridX(), geometry.gridY(), 1, geometry.blockX(), geometry.blockY(), 1,
                0, context.stream(), parameters, null), "cuLaunchKernel", kernel.entry());
    }

    CudaKernel kernel() {
        return kernel;
    }
}
