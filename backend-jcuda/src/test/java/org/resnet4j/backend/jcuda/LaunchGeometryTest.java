package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaunchGeometryTest {

    @Test
    void gemm_coversEveryOutputExactlyOnce_asTheKernelAssignsThem() {
        int[][] sizes = {{1, 1}, {64, 64}, {65, 63}, {200, 10}, {3, 130}, {128, 257}};
        for (int[] size : sizes) {
            int m = size[0];
            int n = size[1];
            LaunchGeometry g = LaunchGeometry.gemm(m, n);
            int[] writes = new int[m * n];
            // Mirrors gemmTile in gemm.cu: rowBase = blockIdx.x * 64, colBase = blockIdx.y * 64,
            // row = rowBase + ty + 16 i, col = colBase + tx + 16 j, writes guarded by row < m and col < n.
            for (int bx = 0; bx < g.gridX(); bx++) {
                for (int by = 0; by < g.gridY(); by++) {
                    for (int ty = 0; ty < g.blockY(); ty++) {
                        for (int tx = 0; tx < g.blockX(); tx++) {
                            for (int i = 0; i < LaunchGeometry.GEMM_PER_THREAD; i++) {
                                for (int j = 0; j < LaunchGeometry.GEMM_PER_THREAD; j++) {
                                    int row = bx * LaunchGeometry.GEMM_TILE_M + ty + LaunchGeometry.GEMM_THREADS * i;
                                    int col = by * LaunchGeometry.GEMM_TILE_N + tx + LaunchGeometry.GEMM_THREADS * j;
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
        assertThat(LaunchGeometry.GEMM_THREADS * LaunchGeometry.GEMM_PER_THREAD).isEqualTo(LaunchGeometry.GEMM_TILE_M)
                .isEqualTo(LaunchGeometry.GEMM_TILE_N);
    }

    @Test
    void gemm_resNet50Conv1AtBatch64_fitsInOneLaunch() {
        // conv1: 64 * 112 * 112 output pixels, 64 filters.
        LaunchGeometry g = LaunchGeometry.gemm(64L * 112 * 112, 64);
        assertThat(g.gridX()).isEqualTo(64 * 112 * 112 / 64);
        assertThat(g.gridY()).isEqualTo(1);
        assertThat(g.threadsPerBlock()).isEqualTo(256);
    }

    @Test
    void elementwise_gridStrideLoop_visitsEveryElementOnce() {
        long[] counts = {1, 255, 256, 257, 1_000_003, 17_000_000};
        for (long count : counts) {
            LaunchGeometry g = LaunchGeometry.elementwise(count);
            assertThat(g.gridX()).isLessThanOrEqualTo(LaunchGeometry.MAX_ELEMENTWISE_BLOCKS);
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
        assertThat(LaunchGeometry.elementwise(1000)).isEqualTo(new LaunchGeometry(4, 1, 256, 1));
    }

    @Test
    void softmax_launchesOneBlockPerRow() {
        assertThat(LaunchGeometry.softmax(64)).isEqualTo(new LaunchGeometry(64, 1, 256, 1));
    }

    @Test
    void emptyLaunches_areRejectedWithTheSizes() {
        assertThatThrownBy(() -> LaunchGeometry.gemm(0, 5)).hasMessageContaining("m=0, n=5");
        assertThatThrownBy(() -> LaunchGeometry.elementwise(0)).hasMessageContaining("Received: 0");
    }
}
