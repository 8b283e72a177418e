// Elementwise kernels: one thread per element, grid-stride loops so any grid size is correct.
// CudaLaunchGeometry.elementwise in Java chooses the grid (256 threads per block).

#include "nhwc.cuh"

extern "C" __global__ void relu_forward(const float* x, float* y, long long count) {
    FOR_EACH_INDEX(i, count) {
        y[i] = fmaxf(x[i], 0.0f);
    }
}

// y = a + b, then max(., 0) when relu != 0 (the residual join of ResNet).
extern "C" __global__ void add_forward(const float* a, const float* b, float* y, long long count, int relu) {
    FOR_EACH_INDEX(i, count) {
        float v = a[i] + b[i];
        y[i] = relu != 0 ? fmaxf(v, 0.0f) : v;
    }
}

// Inference batch norm over the last axis (NHWC channels), then max(., 0) when relu != 0.
extern "C" __global__ void batch_norm_nhwc(const float* x, const float* gamma, const float* beta,
                                           const float* mean, const float* variance, float epsilon,
                                           float* y, long long count, int channels, int relu) {
    FOR_EACH_INDEX(i, count) {
        int c = (int) (i % channels);
        float v = gamma[c] * (x[i] - mean[c]) * rsqrtf(variance[c] + epsilon) + beta[c];
        y[i] = relu != 0 ? fmaxf(v, 0.0f) : v;
    }
}

// y[n, h + top, w + left, c] = x[n, h, w, c]; every other cell is zero.
extern "C" __global__ void zero_pad_nhwc(const float* x, float* y, int batch, int height, int width, int channels,
                                         int outHeight, int outWidth, int top, int left) {
    long long count = (long long) batch * outHeight * outWidth * channels;
    FOR_EACH_INDEX(i, count) {
        NhwcCell out = nhwc_cell(i, outHeight, outWidth, channels);
        int n = out.n, oh = out.h, ow = out.w, c = out.c;
        int ih = oh - top;
        int iw = ow - left;
        y[i] = (ih >= 0 && ih < height && iw >= 0 && iw < width)
                ? x[(((long long) n * height + ih) * width + iw) * channels + c]
                : 0.0f;
    }
}
