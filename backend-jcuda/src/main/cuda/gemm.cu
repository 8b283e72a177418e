// Shared-memory tiled SGEMM and the implicit-GEMM convolution built on the same tile loop.
//
// Each block computes a 64 x 64 tile of C with 256 threads (16 x 16); thread (tx, ty) owns the outputs at
// rows ty + 16 i and columns tx + 16 j (i, j < 4), so that neighbouring threads touch neighbouring columns
// when they read shared memory and when they store C (coalesced). The K dimension is walked in slices of 16.
// CudaLaunchGeometry.gemm in Java mirrors the grid: x over row tiles (M, which grows with the batch and may
// exceed the 65535 limit of y), y over column tiles (N).

#define TILE_M 64
#define TILE_N 64
#define TILE_K 16
#define THREADS_X 16
#define THREADS_Y 16
#define PER_THREAD 4

// A as a plain row-major matrix [M, K].
struct DenseA {
    const float* a;
    int k;
    __device__ float at(int row, int col) const { return a[(long long) row * k + col]; }
};

// A as the virtual im2col matrix of an NHWC input: row = (n, oh, ow), column = (kh, kw, ci), which matches the
// row order of an HWIO kernel seen as [kh * kw * cin, cout]. Cells in the padding read as zero.
struct ConvA {
    const float* x;
    int height, width, channels;
    int outHeight, outWidth;
    int kernelWidth;
    int strideH, strideW, padTop, padLeft;
    __device__ float at(int row, int col) const {
        int ow = row % outWidth;
        int rest = row / outWidth;
        int oh = rest % outHeight;
        int n = rest / outHeight;
        int ci = col % channels;
        int kk = col / channels;
        int kw = kk % kernelWidth;
        int kh = kk / kernelWidth;
        int ih = oh * strideH - padTop + kh;
        int iw = ow * strideW - padLeft + kw;
        if (ih < 0 || ih >= height || iw < 0 || iw >= width) {
            return 0.0f;
        }
        return x[(((long long) n * height + ih) * width + iw) * channels + ci];
    }
};

// C[M, N] = A[M, K] x B[K, N] (+ bias[N]) (then max(., 0) when relu != 0). bias may be null.
template <class Loader>
__device__ void gemmTile(const Loader& a, const float* b, const float* bias, float* c,
                         int m, int n, int k, int relu) {
    // A is stored transposed (k-major) so the inner loop reads a row of it; the +4 padding spreads the
    // transposing stores over the shared-memory banks instead of sixteen threads hitting one bank.
    __shared__ float tileA[TILE_K][TILE_M + 4];
    __shared__ float tileB[TILE_K][TILE_N];

    const int tx = threadIdx.x;
    const int ty = threadIdx.y;
    const int thread = ty * THREADS_X + tx;
    const int rowBase = blockIdx.x * TILE_M;
    const int colBase = blockIdx.y * TILE_N;

    float acc[PER_THREAD][PER_THREAD];
    for (int i = 0; i < PER_THREAD; i++) {
        for (int j = 0; j < PER_THREAD; j++) {
            acc[i][j] = 0.0f;
        }
    }

    for (int k0 = 0; k0 < k; k0 += TILE_K) {
        // 1024 cells per tile, 256 threads: each loads four cells of A and four of B.
        for (int load = thread; load < TILE_M * TILE_K; load += THREADS_X * THREADS_Y) {
            int r = load / TILE_K;
            int kc = load % TILE_K;
            int row = rowBase + r;
            int col = k0 + kc;
            tileA[kc][r] = (row < m && col < k) ? a.at(row, col) : 0.0f;
        }
        for (int load = thread; load < TILE_K * TILE_N; load += THREADS_X * THREADS_Y) {
            int kr = load / TILE_N;
            int cc = load % TILE_N;
            int row = k0 + kr;
            int col = colBase + cc;
            tileB[kr][cc] = (row < k && col < n) ? b[(long long) row * n + col] : 0.0f;
        }
        __syncthreads();

        for (int kk = 0; kk < TILE_K; kk++) {
            float av[PER_THREAD];
            float bv[PER_THREAD];
            for (int i = 0; i < PER_THREAD; i++) {
                av[i] = tileA[kk][ty + THREADS_Y * i];
                bv[i] = tileB[kk][tx + THREADS_X * i];
            }
            for (int i = 0; i < PER_THREAD; i++) {
                for (int j = 0; j < PER_THREAD; j++) {
                    acc[i][j] = fmaf(av[i], bv[j], acc[i][j]);
                }
            }
        }
        __syncthreads();
    }

    for (int i = 0; i < PER_THREAD; i++) {
        int row = rowBase + ty + THREADS_Y * i;
        if (row >= m) {
            continue;
        }
        for (int j = 0; j < PER_THREAD; j++) {
            int col = colBase + tx + THREADS_X * j;
            if (col >= n) {
                continue;
            }
            float v = acc[i][j];
            if (bias != 0) {
                v += bias[col];
            }
            if (relu != 0) {
                v = fmaxf(v, 0.0f);
            }
            c[(long long) row * n + col] = v;
        }
    }
}

extern "C" __global__ void sgemm_bias(const float* a, const float* b, const float* bias, float* c,
                                      int m, int n, int k, int relu) {
    DenseA loader;
    loader.a = a;
    loader.k = k;
    gemmTile(loader, b, bias, c, m, n, k, relu);
}

// NHWC convolution as an implicit GEMM: M = batch * outHeight * outWidth, N = cout, K = kh * kw * cin.
extern "C" __global__ void conv2d_nhwc(const float* x, const float* kernel, const float* bias, float* y,
                                       int batch, int height, int width, int channels,
                                       int outHeight, int outWidth, int outChannels,
                                       int kernelHeight, int kernelWidth,
                                       int strideH, int strideW, int padTop, int padLeft, int relu) {
    ConvA loader;
    loader.x = x;
    loader.height = height;
    loader.width = width;
    loader.channels = channels;
    loader.outHeight = outHeight;
    loader.outWidth = outWidth;
    loader.kernelWidth = kernelWidth;
    loader.strideH = strideH;
    loader.strideW = strideW;
    loader.padTop = padTop;
    loader.padLeft = padLeft;
    int m = batch * outHeight * outWidth;
    int k = kernelHeight * kernelWidth * channels;
    gemmTile(loader, kernel, bias, y, m, outChannels, k, relu);
}
