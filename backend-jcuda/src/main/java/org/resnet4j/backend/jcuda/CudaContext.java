package org.resnet4j.backend.jcuda;

import static org.resnet4j.backend.jcuda.CudaDriver.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * GPU 0's primary context with this backend's PTX modules loaded and a stream to launch on. Every thread that
 * uses it first calls {@link #makeCurrent()}, since a CUDA context is current per thread.
 */
final class CudaContext implements AutoCloseable {
    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final List<CUmodule> modules = new ArrayList<>();
    private final Map<CudaKernel, CUfunction> functions = new EnumMap<>(CudaKernel.class);
    private final CUstream stream = new CUstream();
    private boolean closed;

    CudaContext() {
        CudaDriver.initialise();
        check(JCudaDriver.cuDeviceGet(device, 0), "cuDeviceGet", "device 0");
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain", "device 0");
        try {
            makeCurrent();
            check(JCudaDriver.cuStreamCreate(stream, 0), "cuStreamCreate", "launch stream");
            Map<String, CUmodule> byName = new java.util.HashMap<>();
            for (String name : CudaPtx.modules()) {
                CUmodule module = new CUmodule();
                byte[] ptx = (CudaPtx.text(name) + '\0').getBytes(StandardCharsets.US_ASCII);
                check(JCudaDriver.cuModuleLoadData(module, ptx), "cuModuleLoadData", name + ".ptx");
                modules.add(module);
                byName.put(name, module);
            }
            for (CudaKernel k : CudaKernel.values()) {
                CUfunction f = new CUfunction();
                check(JCudaDriver.cuModuleGetFunction(f, byName.get(k.module()), k.entry()), "cuModuleGetFunction",
                        k.entry());
                functions.put(k, f);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    void makeCurrent() {
        check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent", "device 0");
    }

    CUfunction function(CudaKernel kernel) {
        return functions.get(kernel);
    }

    CUstream stream() {
        return stream;
    }

    CUdeviceptr allocate(long bytes, String purpose) {
        CUdeviceptr p = new CUdeviceptr();
        check(JCudaDriver.cuMemAlloc(p, Math.max(bytes, 4)), "cuMemAlloc", purpose + ", " + bytes + " bytes");
        return p;
    }

    void free(CUdeviceptr pointer, String purpose) {
        check(JCudaDriver.cuMemFree(pointer), "cuMemFree", purpose);
    }

    void synchronize(String purpose) {
        check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize", purpose);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        JCudaDriver.cuCtxSetCurrent(context);
        JCudaDriver.cuStreamSynchronize(stream);
        for (CUmodule m : modules) {
            JCudaDriver.cuModuleUnload(m);
        }
        JCudaDriver.cuStreamDestroy(stream);
        JCudaDriver.cuDevicePrimaryCtxRelease(device);
    }
}
