package org.resnet4j.backend.jcuda;

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
    private final LaunchGeometry geometry;
    private final Pointer parameters;

    CudaLaunch(CudaKernel kernel, LaunchGeometry geometry, Object... arguments) {
        this.kernel = kernel;
        this.geometry = geometry;
        NativePointerObject[] slots = new NativePointerObject[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            Object a = arguments[i];
            if (a == null) {
                slots[i] = Pointer.to(new CUdeviceptr());
            } else if (a instanceof CUdeviceptr p) {
                slots[i] = Pointer.to(p);
            } else if (a instanceof Integer v) {
                slots[i] = Pointer.to(new int[] {v});
            } else if (a instanceof Long v) {
                slots[i] = Pointer.to(new long[] {v});
            } else if (a instanceof Float v) {
                slots[i] = Pointer.to(new float[] {v});
            } else {
                throw new IllegalArgumentException(kernel.entry() + ": unsupported kernel argument " + i + ": " + a);
            }
        }
        this.parameters = Pointer.to(slots);
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
