package org.resnet4j.backend.jcuda;

import jcuda.driver.CUresult;

/**
 * Turns driver result codes into sentences. Pure Java ({@link CUresult} is a constants class that loads no native
 * code), so the messages are tested on machines without a GPU.
 */
final class CudaErrors {
    private CudaErrors() {
    }

    /**
     * The message for a failed call: names the call and the kernel (or what it was doing), the code, and for the
     * errors a too-old driver gives when loading PTX, the driver this backend needs.
     */
    public static String message(String call, String context, int result) {
        StringBuilder s = new StringBuilder();
        s.append(call).append(" failed");
        if (context != null && !context.isEmpty()) {
            s.append(" (").append(context).append(')');
        }
        s.append(": ").append(CUresult.stringFor(result));
        String hint = hint(result);
        if (!hint.isEmpty()) {
            s.append(". ").append(hint);
        }
        return s.toString();
    }

    /** A sentence a user can act on for the codes that have one; empty otherwise. */
    public static String hint(int result) {
        if (result == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION || result == CUresult.CUDA_ERROR_INVALID_PTX) {
            return "The installed NVIDIA driver is too old for this backend's kernels: they are PTX ISA 9.0 for "
                    + CudaPtx.ARCHITECTURE + " and need " + CudaPtx.MINIMUM_DRIVER
                    + "; update the driver or regenerate the PTX with an older nvcc (mvn -P regenerate-ptx)";
        }
        if (result == CUresult.CUDA_ERROR_NO_DEVICE) {
            return "No CUDA-capable GPU is visible (check CUDA_VISIBLE_DEVICES and nvidia-smi)";
        }
        if (result == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            return "The GPU is out of memory; use a smaller batch";
        }
        return "";
    }
}
