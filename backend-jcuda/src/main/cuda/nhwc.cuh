// What the elementwise and pooling kernels share: the grid-stride loop and the NHWC coordinates of a flat index.
#pragma once

// Visits every index 0 .. count - 1 once across the whole grid, whatever its size (CudaLaunchGeometry.elementwise
// chooses it).
#define FOR_EACH_INDEX(i, count)                                                     \
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < (count); \
         i += (long long) gridDim.x * blockDim.x)

// The coordinates of one cell of an NHWC tensor [batch, height, width, channels].
struct NhwcCell {
    int n;
    int h;
    int w;
    int c;
};

// The cell at flat (row-major) index i of an NHWC tensor of the given height, width and channels.
__device__ __forceinline__ NhwcCell nhwc_cell(long long i, int height, int width, int channels) {
    NhwcCell cell;
    cell.c = (int) (i % channels);
    long long rest = i / channels;
    cell.w = (int) (rest % width);
    rest /= width;
    cell.h = (int) (rest % height);
    cell.n = (int) (rest / height);
    return cell;
}
