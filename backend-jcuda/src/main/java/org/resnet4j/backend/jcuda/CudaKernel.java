package org.resnet4j.backend.jcuda;

/**
 * Every kernel this backend launches: the PTX resource (one per {@code .cu} source) and the {@code .entry} name.
 */
enum CudaKernel {
    SGEMM_BIAS("gemm", "sgemm_bias"),
    CONV2D_NHWC("gemm", "conv2d_nhwc"),
    RELU("elementwise", "relu_forward"),
    ADD("elementwise", "add_forward"),
    BATCH_NORM("elementwise", "batch_norm_nhwc"),
    ZERO_PAD("elementwise", "zero_pad_nhwc"),
    MAX_POOL("pooling", "max_pool_nhwc"),
    AVG_POOL("pooling", "avg_pool_nhwc"),
    GLOBAL_AVG_POOL("pooling", "global_avg_pool_nhwc"),
    SOFTMAX("softmax", "softmax_rows");

    private final String module;
    private final String entry;

    CudaKernel(String module, String entry) {
        this.module = module;
        this.entry = entry;
    }

    /** The PTX module (file name without {@code .ptx}) that defines this kernel. */
    public String module() {
        return module;
    }

    /** The {@code extern "C"} name of the kernel, as in the PTX {@code .entry} line. */
    public String entry() {
        return entry;
    }
}
