package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CudaLaunchGeometryTest {

    @Test
    void gemm_coversEveryOutputExactlyOnce_asTheKernelAssignsThem() {
        int[][] sizes = {{1, 1}, {64, 64}, {65, 63}, {200, 10}, {3, 130}, {128, 257}};
        for (int[] size : sizes) {
            int m = size[0];
            int n = size[1];
            CudaLaunchGeometry g = CudaLaunchGeometry.gemm(m, n);
            int[] writes = new int[m * n];
            // Mirrors gemmTile in gemm.cu: rowBase = blockIdx.x * 64, colBase = blockIdx.y * 64,
            // row = rowBase + ty + 16 i, col = colBase + tx + 16 j, writes guarded by row < m and col < n.
            for (int bx = 0; bx < g.gridX(); bx++) {
                for (int by = 0; by < g.gridY(); by++) {
                    for (int ty = 0; ty < g.blockY(); ty++) {
                        for (int tx = 0; tx < g.blockX(); tx++) {
                            for (int i = 0; i < CudaLaunchGeometry.GEMM_PER_THREAD; i++) {
                                for (int j = 0; j < CudaLaunchGeometry.GEMM_PER_THREAD; j++) {
                                    int row = bx * CudaLaunchGeometry.GEMM_TILE_M + ty
                                            + CudaLaunchGeometry.GEMM_THREADS * i;
                                    int col = by * CudaLaunchGeometry.GEMM_TILE_N + tx
                                            + CudaLaunchGeometry.GEMM_THREADS * j;
                                    if (row < m && col < n) {
                                        writes[row * n + col]++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for (int w : writes) {
                assertThat(w).as("m=%d n=%d", m, n).isEqualTo(1);
            }
        }
    }

    @Test
    void gemm_tileIsExactlyCoveredByItsThreads() {
        assertThat(CudaLaunchGeometry.GEMM_THREADS * CudaLaunchGeometry.GEMM_PER_THREAD)
                .isEqualTo(CudaLaunchGeometry.GEMM_TILE_M)
                .isEqualTo(CudaLaunchGeometry.GEMM_TILE_N);
    }

    @Test
    void gemm_resNet50Conv1AtBatch64_fitsInOneLaunch() {
        // conv1: 64 * 112 * 112 output pixels, 64 filters.
        CudaLaunchGeometry g = CudaLaunchGeometry.gemm(64L * 112 * 112, 64);
        assertThat(g.gridX()).isEqualTo(64 * 112 * 112 / 64);
        assertThat(g.gridY()).isEqualTo(1);
        assertThat(g.threadsPerBlock()).isEqualTo(256);
    }

    @Test
    void elementwise_gridStrideLoop_visitsEveryElementOnce() {
        long[] counts = {1, 255, 256, 257, 1_000_003, 17_000_000};
        for (long count : counts) {
            CudaLaunchGeometry g = CudaLaunchGeometry.elementwise(count);
            assertThat(g.gridX()).isLessThanOrEqualTo(CudaLaunchGeometry.MAX_ELEMENTWISE_BLOCKS);
            long stride = (long) g.gridX() * g.blockX();
            byte[] visits = new byte[(int) count];
            // Mirrors: for (i = blockIdx.x * blockDim.x + threadIdx.x; i < count; i += gridDim.x * blockDim.x)
            for (long start = 0; start < stride; start++) {
                for (long i = start; i < count; i += stride) {
                    visits[(int) i]++;
                }
            }
            for (int v : visits) {
                assertThat(v).isEqualTo(1);
            }
        }
    }

    @Test
    void elementwise_smallCount_usesOneBlockPer256Elements() {
        assertThat(CudaLaunchGeometry.elementwise(1000)).isEqualTo(new CudaLaunchGeometry(4, 1, 256, 1));
    }

    @Test
    void softmax_launchesOneBlockPerRow() {
        assertThat(CudaLaunchGeometry.softmax(64)).isEqualTo(new CudaLaunchGeometry(64, 1, 256, 1));
    }

    @Test
    void emptyLaunches_areRejectedWithTheSizes() {
        assertThatThrownBy(() -> CudaLaunchGeometry.gemm(0, 5)).hasMessageContaining("m=0, n=5");
        assertThatThrownBy(() -> CudaLaunchGeometry.elementwise(0)).hasMessageContaining("Received: 0");
    }
}
