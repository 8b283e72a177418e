// Numerically stable softmax over the rows of [rows, cols]: one block of SOFTMAX_THREADS threads per row.
// The row maximum is subtracted before exp so that large logits cannot overflow.

#define SOFTMAX_THREADS 256

__device__ float blockReduce(float v, float* scratch, bool takeMax) {
    int t = threadIdx.x;
    scratch[t] = v;
    __syncthreads();
    for (int stride = SOFTMAX_THREADS / 2; stride > 0; stride /= 2) {
        if (t < stride) {
            scratch[t] = takeMax ? fmaxf(scratch[t], scratch[t + stride]) : scratch[t] + scratch[t + stride];
        }
        __syncthreads();
    }
    float result = scratch[0];
    __syncthreads();
    return result;
}

extern "C" __global__ void softmax_rows(const float* x, float* y, int rows, int cols) {
    __shared__ float scratch[SOFTMAX_THREADS];
    int row = blockIdx.x;
    if (row >= rows) {
        return;
    }
    const float* in = x + (long long) row * cols;
    float* out = y + (long long) row * cols;

    float localMax = -INFINITY;
    for (int j = threadIdx.x; j < cols; j += SOFTMAX_THREADS) {
        localMax = fmaxf(localMax, in[j]);
    }
    float rowMax = blockReduce(localMax, scratch, true);

    float localSum = 0.0f;
    for (int j = threadIdx.x; j < cols; j += SOFTMAX_THREADS) {
        float e = expf(in[j] - rowMax);
        out[j] = e;
        localSum += e;
    }
    float rowSum = blockReduce(localSum, scratch, false);

    for (int j = threadIdx.x; j < cols; j += SOFTMAX_THREADS) {
        out[j] = out[j] / rowSum;
    }
}
