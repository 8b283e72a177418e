package org.resnet4j.backend.jcuda;

import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import org.resnet4j.spi.Availability;

/**
 * The one place that talks to the CUDA driver's status codes: every driver call's result goes through
 * {@link #check}, which throws a {@link CudaException} naming the call and the kernel or task it served.
 */
final class CudaDriver {
    private static final Object INIT_LOCK = new Object();
    private static volatile boolean initialised;

    private CudaDriver() {
    }

    /** Throws unless {@code result} is {@code CUDA_SUCCESS}; {@code context} names the kernel or the task. */
    public static void check(int result, String call, String context) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaException(CudaErrors.message(call, context, result), result);
        }
    }

    /** Loads the driver binding and calls {@code cuInit} once; throws what the JVM or the driver throws. */
    static void initialise() {
        if (initialised) {
            return;
        }
        synchronized (INIT_LOCK) {
            if (!initialised) {
                JCudaDriver.setExceptionsEnabled(false);
                check(JCudaDriver.cuInit(0), "cuInit", "driver start-up");
                initialised = true;
            }
        }
    }

    /** What {@link CudaBackendProvider#probe()} reports; may throw linkage errors, which the provider catches. */
    static Availability probe() {
        JCudaDriver.setExceptionsEnabled(false);
        int result = JCudaDriver.cuInit(0);
        if (result == CUresult.CUDA_ERROR_NO_DEVICE) {
            return Availability.unavailable(CudaProbeMessages.noDevice());
        }
        if (result != CUresult.CUDA_SUCCESS) {
            return Availability.unavailable(CudaProbeMessages.driverFailure("cuInit", result));
        }
        int[] count = {0};
        result = JCudaDriver.cuDeviceGetCount(count);
        if (result != CUresult.CUDA_SUCCESS) {
            return Availability.unavailable(CudaProbeMessages.driverFailure("cuDeviceGetCount", result));
        }
        if (count[0] < 1) {
            return Availability.unavailable(CudaProbeMessages.noDevice());
        }
        int[] version = {0};
        result = JCudaDriver.cuDriverGetVersion(version);
        if (result == CUresult.CUDA_SUCCESS && version[0] < 13000) {
            return Availability.unavailable("the NVIDIA driver supports CUDA " + version[0] / 1000 + "."
                    + version[0] % 1000 / 10 + " but the kernels need " + CudaPtx.MINIMUM_DRIVER);
        }
        CUdevice device = new CUdevice();
        result = JCudaDriver.cuDeviceGet(device, 0);
        if (result != CUresult.CUDA_SUCCESS) {
            return Availability.unavailable(CudaProbeMessages.driverFailure("cuDeviceGet", result));
        }
        return Availability.ok();
    }
}
