package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;

import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

class CudaErrorsTest {

    @Test
    void unsupportedPtxVersion_namesTheRequiredDriver_notJustTheCode() {
        String m = CudaErrors.message("cuModuleLoadData", "gemm.ptx", CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION);
        assertThat(m).startsWith("cuModuleLoadData failed (gemm.ptx): CUDA_ERROR_UNSUPPORTED_PTX_VERSION")
                .contains("driver is too old").contains("NVIDIA driver 580 or newer (CUDA 13.0)");
    }

    @Test
    void invalidPtx_namesTheRequiredDriver() {
        assertThat(CudaErrors.message("cuModuleLoadData", "softmax.ptx", CUresult.CUDA_ERROR_INVALID_PTX))
                .contains("NVIDIA driver 580 or newer");
    }

    @Test
    void otherErrors_nameTheCallTheKernelAndTheCode() {
        String m = CudaErrors.message("cuLaunchKernel", "conv2d_nhwc", CUresult.CUDA_ERROR_INVALID_VALUE);
        assertThat(m).isEqualTo("cuLaunchKernel failed (conv2d_nhwc): CUDA_ERROR_INVALID_VALUE");
    }

    @Test
    void check_onFailure_throwsWithTheResultCode() {
        try {
            CudaDriver.check(CUresult.CUDA_ERROR_OUT_OF_MEMORY, "cuMemAlloc", "activation arena");
            throw new AssertionError("check did not throw");
        } catch (CudaException e) {
            assertThat(e.result()).isEqualTo(CUresult.CUDA_ERROR_OUT_OF_MEMORY);
            assertThat(e).hasMessageContaining("cuMemAlloc failed (activation arena)").hasMessageContaining("smaller batch");
        }
    }

    @Test
    void check_onSuccess_doesNothing() {
        CudaDriver.check(CUresult.CUDA_SUCCESS, "cuInit", "driver start-up");
    }
}
