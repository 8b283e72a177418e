package org.resnet4j.backend.jcuda;

/** Words for the ways the CUDA driver can be missing; pure Java so they are tested on any machine. */
final class CudaProbeMessages {
    private CudaProbeMessages() {
    }

    /** The native JCuda library or the driver library it links against could not load. */
    static String linkFailure(Throwable e) {
        String detail = String.valueOf(e.getMessage());
        if (detail.contains("libcuda") || detail.contains("JCudaDriver")) {
            return "libcuda.so.1 not found (no NVIDIA driver)";
        }
        return "JCuda native library failed to load: " + detail;
    }

    /** A JCuda class is unusable because its static initialiser failed before. */
    static String classFailure(Throwable e) {
        return "libcuda.so.1 not found (no NVIDIA driver); JCuda failed to initialise earlier: " + e;
    }

    /** cuInit or a device query returned an error. */
    static String driverFailure(String call, int result) {
        return CudaErrors.message(call, "probe", result);
    }

    /** The driver works but sees no GPU. */
    static String noDevice() {
        return "no CUDA device visible (driver present, 0 GPUs; check CUDA_VISIBLE_DEVICES and nvidia-smi)";
    }
}
