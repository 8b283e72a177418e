package org.resnet4j.backend.jcuda;

/** Words for the ways the CUDA driver can be missing; pure Java so they are tested on any machine. */
final class CudaProbeMessages {
    /** What users see when the driver library is absent (the sentence the discovery diagnostics show). */
    static final String NO_DRIVER = "libcuda.so.1 not found (no NVIDIA driver)";

    private CudaProbeMessages() {
    }

    /** The native JCuda library, or the driver library it links against, could not load. */
    static String linkFailure(Throwable e) {
        String detail = String.valueOf(e.getMessage());
        if (detail.contains("libcuda.so")) {
            return NO_DRIVER;
        }
        int firstLine = detail.indexOf('\n');
        return "JCuda's native driver binding failed to load: "
                + (firstLine < 0 ? detail : detail.substring(0, firstLine));
    }

    /** A JCuda class is unusable because its static initialiser failed before (the second touch). */
    static String classFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains("libcuda.so")) {
                return NO_DRIVER;
            }
        }
        return NO_DRIVER + "; JCuda's driver binding already failed to load earlier in this JVM";
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
