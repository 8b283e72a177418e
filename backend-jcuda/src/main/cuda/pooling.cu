// Pooling over NHWC, one thread per output cell (n, oh, ow, c): neighbouring threads read neighbouring
// channels, so loads are coalesced. CudaLaunchGeometry.elementwise chooses the grid.

#include "nhwc.cuh"

// Max pooling; cells in the padding are -infinity, so they never win.
extern "C" __global__ void max_pool_nhwc(const float* x, float* y, int batch, int height, int width, int channels,
                                         int outHeight, int outWidth, int poolH, int poolW,
                                         int strideH, int strideW, int padTop, int padLeft) {
    long long count = (long long) batch * outHeight * outWidth * channels;
    FOR_EACH_INDEX(i, count) {
        NhwcCell out = nhwc_cell(i, outHeight, outWidth, channels);
        int n = out.n, oh = out.h, ow = out.w, c = out.c;
        float best = -INFINITY;
        for (int ph = 0; ph < poolH; ph++) {
            int ih = oh * strideH - padTop + ph;
            if (ih < 0 || ih >= height) {
                continue;
            }
            for (int pw = 0; pw < poolW; pw++) {
                int iw = ow * strideW - padLeft + pw;
                if (iw < 0 || iw >= width) {
                    continue;
                }
                best = fmaxf(best, x[(((long long) n * height + ih) * width + iw) * channels + c]);
            }
        }
        y[i] = best;
    }
}

// Average pooling; the divisor is the number of cells inside the input (TensorFlow's SAME semantics).
extern "C" __global__ void avg_pool_nhwc(const float* x, float* y, int batch, int height, int width, int channels,
                                         int outHeight, int outWidth, int poolH, int poolW,
                                         int strideH, int strideW, int padTop, int padLeft) {
    long long count = (long long) batch * outHeight * outWidth * channels;
    FOR_EACH_INDEX(i, count) {
        NhwcCell out = nhwc_cell(i, outHeight, outWidth, channels);
        int n = out.n, oh = out.h, ow = out.w, c = out.c;
        float sum = 0.0f;
        int cells = 0;
        for (int ph = 0; ph < poolH; ph++) {
            int ih = oh * strideH - padTop + ph;
            if (ih < 0 || ih >= height) {
                continue;
            }
            for (int pw = 0; pw < poolW; pw++) {
                int iw = ow * strideW - padLeft + pw;
                if (iw < 0 || iw >= width) {
                    continue;
                }
                sum += x[(((long long) n * height + ih) * width + iw) * channels + c];
                cells++;
            }
        }
        y[i] = cells > 0 ? sum / cells : 0.0f;
    }
}

// Mean over height and width: one thread per (n, c), neighbouring threads read neighbouring channels.
extern "C" __global__ void global_avg_pool_nhwc(const float* x, float* y, int batch, int spatial, int channels) {
    long long count = (long long) batch * channels;
    FOR_EACH_INDEX(i, count) {
        int c = (int) (i % channels);
        long long n = i / channels;
        const float* base = x + n * spatial * channels + c;
        float sum = 0.0f;
        for (int s = 0; s < spatial; s++) {
            sum += base[(long long) s * channels];
        }
        y[i] = sum / spatial;
    }
}
