package org.resnet4j.backend.jcuda;

/** A failed CUDA driver call, with the call, the kernel it served and the driver's error in words. */
final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int result;

    CudaException(String message, int result) {
        super(message);
        this.result = result;
    }

    /** The driver's {@code CUresult} code. */
    public int result() {
        return result;
    }
}
