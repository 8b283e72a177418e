package org.resnet4j.backend.jcuda;

/**
 * Grid and block sizes for every kernel, in pure Java so the arithmetic is tested without a GPU. The constants
 * mirror the {@code #define}s of the CUDA sources.
 *
 * @param gridX  blocks along x
 * @param gridY  blocks along y
 * @param blockX threads per block along x
 * @param blockY threads per block along y
 */
record CudaLaunchGeometry(int gridX, int gridY, int blockX, int blockY) {
    /** Rows of C one GEMM block computes ({@code TILE_M} in gemm.cu). */
    public static final int GEMM_TILE_M = 64;
    /** Columns of C one GEMM block computes ({@code TILE_N}). */
    public static final int GEMM_TILE_N = 64;
    /** Threads along x and y of a GEMM block ({@code THREADS_X}, {@code THREADS_Y}). */
    public static final int GEMM_THREADS = 16;
    /** Outputs per thread along each axis ({@code PER_THREAD}). */
    public static final int GEMM_PER_THREAD = 4;
    /** Threads per block of the elementwise and pooling kernels. */
    public static final int ELEMENTWISE_THREADS = 256;
    /** Cap on elementwise blocks; the kernels use grid-stride loops, so fewer blocks than elements is correct. */
    public static final int MAX_ELEMENTWISE_BLOCKS = 65_535;
    /** Threads per softmax block ({@code SOFTMAX_THREADS} in softmax.cu). */
    public static final int SOFTMAX_THREADS = 256;

    public CudaLaunchGeometry {
        if (gridX < 1 || gridY < 1 || blockX < 1 || blockY < 1) {
            throw new IllegalArgumentException("Launch geometry must be positive. Received: grid=(" + gridX + ", "
                    + gridY + "), block=(" + blockX + ", " + blockY + ")");
        }
    }

    /** The tiled GEMM for {@code C[m, n]}: x walks row tiles (up to 2^31 - 1), y walks column tiles. */
    public static CudaLaunchGeometry gemm(long m, long n) {
        if (m < 1 || n < 1) {
            throw new IllegalArgumentException("GEMM needs positive sizes. Received: m=" + m + ", n=" + n);
        }
        long rowTiles = ceilDiv(m, GEMM_TILE_M);
        if (rowTiles > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("GEMM has too many rows for one launch: m=" + m);
        }
        return new CudaLaunchGeometry((int) rowTiles, blocks(n, GEMM_TILE_N), GEMM_THREADS, GEMM_THREADS);
    }

    /** One thread per element, at most {@link #MAX_ELEMENTWISE_BLOCKS} blocks (grid-stride loop beyond). */
    public static CudaLaunchGeometry elementwise(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("Elementwise launch needs at least one element. Received: " + count);
        }
        int blocks = (int) Math.min(MAX_ELEMENTWISE_BLOCKS, ceilDiv(count, ELEMENTWISE_THREADS));
        return new CudaLaunchGeometry(blocks, 1, ELEMENTWISE_THREADS, 1);
    }

    /** One block per row of the softmax. */
    public static CudaLaunchGeometry softmax(int rows) {
        return new CudaLaunchGeometry(rows, 1, SOFTMAX_THREADS, 1);
    }

    /** Threads per block. */
    public int threadsPerBlock() {
        return blockX * blockY;
    }

    private static int blocks(long size, int tile) {
        long b = ceilDiv(size, tile);
        if (b > 65_535) {
            throw new IllegalArgumentException("Too many tiles for one launch: " + b + " (size " + size + ")");
        }
        return (int) b;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
