package org.resnet4j.backend.jcuda;

import java.util.concurrent.atomic.AtomicInteger;
import jcuda.driver.CUdeviceptr;

/**
 * Device memory shared by the tensor handles that view it (a tensor and its reshapes): freed when the last handle
 * closes. Arena views of a compiled model are not owned and never freed here.
 */
final class CudaBuffer {
    private final CudaContext context;
    private final CUdeviceptr pointer;
    private final boolean owned;
    private final AtomicInteger handles = new AtomicInteger(1);

    CudaBuffer(CudaContext context, CUdeviceptr pointer, boolean owned) {
        this.context = context;
        this.pointer = pointer;
        this.owned = owned;
    }

    static CudaBuffer allocate(CudaContext context, long bytes, String purpose) {
        return new CudaBuffer(context, context.allocate(bytes, purpose), true);
    }

    CUdeviceptr pointer() {
        return pointer;
    }

    CudaBuffer retain() {
        handles.incrementAndGet();
        return this;
    }

    void release() {
        if (handles.decrementAndGet() == 0 && owned) {
            synchronized (context) {
                context.makeCurrent();
                context.free(pointer, "tensor release");
            }
        }
    }
}
