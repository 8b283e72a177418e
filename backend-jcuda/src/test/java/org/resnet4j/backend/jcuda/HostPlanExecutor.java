package org.resnet4j.backend.jcuda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolingShapes;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Test helper: runs an optimised, buffer-planned step list on the CPU, each value at its planned offset in one
 * float arena, with loops that follow the kernels' semantics. It checks the plan (folding, fusion, memory reuse)
 * where no GPU exists: if two live values shared memory, the results would be wrong.
 */
final class HostPlanExecutor {
    private final float[] arena;
    private final Map<CudaTraceValue, Integer> offset = new HashMap<>();

    HostPlanExecutor(CudaPlanLiveness liveness, CudaBufferPlanner.Plan plan) {
        arena = new float[(int) (plan.arenaBytes() / 4)];
        for (int i = 0; i < liveness.values.size(); i++) {
            offset.put(liveness.values.get(i), (int) (plan.offsets()[i] / 4));
        }
    }

    void write(CudaTraceValue v, HostTensor t) {
        System.arraycopy(t.data(), 0, arena, offset.get(v), t.size());
    }

    HostTensor read(CudaTraceValue v, Shape shape) {
        float[] d = new float[shape.size()];
        System.arraycopy(arena, offset.get(v), d, 0, d.length);
        return HostTensor.of(shape, d);
    }

    private float[] data(CudaTraceValue v) {
        return v.kind == CudaTraceValue.Kind.CONSTANT ? v.constant.data() : null;
    }

    void run(List<CudaTraceStep> steps) {
        for (CudaTraceStep s : steps) {
            int x = offset.get(s.inputs.get(0));
            int y = offset.get(s.output);
            Shape in = s.inputShapes.get(0);
            Shape out = s.outputShape;
            int count = out.size();
            switch (s.op) {
                case CONV2D -> conv(s, x, in, out, y);
                case DENSE -> {
                    float[] k = data(s.constants.get(0));
                    float[] b = s.constants.get(1) == null ? null : data(s.constants.get(1));
                    int rows = out.dim(0), n = out.dim(1), kk = in.dim(1);
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < n; c++) {
                            float acc = 0;
                            for (int q = 0; q < kk; q++) {
                                acc += arena[x + r * kk + q] * k[q * n + c];
                            }
                            arena[y + r * n + c] = finish(acc + (b == null ? 0 : b[c]), s.relu);
                        }
                    }
                }
                case BATCH_NORM -> {
                    int c = in.dim(-1);
                    for (int i = 0; i < count; i++) {
                        int ch = i % c;
                        float v = (float) (data(s.constants.get(0))[ch] * (arena[x + i] - data(s.constants.get(2))[ch])
                                / Math.sqrt(data(s.constants.get(3))[ch] + s.epsilon) + data(s.constants.get(1))[ch]);
                        arena[y + i] = finish(v, s.relu);
                    }
                }
                case RELU -> {
                    for (int i = 0; i < count; i++) {
                        arena[y + i] = Math.max(arena[x + i], 0f);
                    }
                }
                case ADD -> {
                    int z = offset.get(s.inputs.get(1));
                    for (int i = 0; i < count; i++) {
                        arena[y + i] = finish(arena[x + i] + arena[z + i], s.relu);
                    }
                }
                case MAX_POOL, AVG_POOL -> pool(s, x, in, out, y);
                case GLOBAL_AVG_POOL -> {
                    int n = in.dim(0), hw = in.dim(1) * in.dim(2), c = in.dim(3);
                    for (int b = 0; b < n; b++) {
                        for (int ch = 0; ch < c; ch++) {
                            float sum = 0;
                            for (int p = 0; p < hw; p++) {
                                sum += arena[x + (b * hw + p) * c + ch];
                            }
                            arena[y + b * c + ch] = sum / hw;
                        }
                    }
                }
                default -> throw new UnsupportedOperationException("host executor lacks " + s.op);
            }
        }
    }

    private static float finish(float v, boolean relu) {
        return relu ? Math.max(v, 0f) : v;
    }

    private void conv(CudaTraceStep s, int x, Shape in, Shape out, int y) {
        float[] k = data(s.constants.get(0));
        float[] b = s.constants.get(1) == null ? null : data(s.constants.get(1));
        Shape ks = s.constants.get(0).shape;
        Padding.Explicit p = ConvolutionShapes.padding(in, ks, s.convOptions);
        int h = in.dim(1), w = in.dim(2), c = in.dim(3), co = out.dim(3);
        for (int n = 0; n < out.dim(0); n++) {
            for (int i = 0; i < out.dim(1); i++) {
                for (int j = 0; j < out.dim(2); j++) {
                    for (int o = 0; o < co; o++) {
                        float acc = 0;
                        for (int u = 0; u < ks.dim(0); u++) {
                            int r = i * s.convOptions.strideHeight() - p.top() + u;
                            if (r < 0 || r >= h) {
                                continue;
                            }
                            for (int v = 0; v < ks.dim(1); v++) {
                                int q = j * s.convOptions.strideWidth() - p.left() + v;
                                if (q < 0 || q >= w) {
                                    continue;
                                }
                                for (int ci = 0; ci < c; ci++) {
                                    acc += arena[x + ((n * h + r) * w + q) * c + ci] * k[((u * ks.dim(1) + v) * c + ci) * co + o];
                                }
                            }
                        }
                        arena[y + ((n * out.dim(1) + i) * out.dim(2) + j) * co + o] =
                                finish(acc + (b == null ? 0 : b[o]), s.relu);
                    }
                }
            }
        }
    }

    private void pool(CudaTraceStep s, int x, Shape in, Shape out, int y) {
        Padding.Explicit p = PoolingShapes.padding(in, s.poolOptions);
        int h = in.dim(1), w = in.dim(2), c = in.dim(3);
        boolean max = s.op == CudaTraceStep.Op.MAX_POOL;
        for (int n = 0; n < out.dim(0); n++) {
            for (int i = 0; i < out.dim(1); i++) {
                for (int j = 0; j < out.dim(2); j++) {
                    for (int ch = 0; ch < c; ch++) {
                        float best = Float.NEGATIVE_INFINITY;
                        float sum = 0;
                        int cells = 0;
                        for (int u = 0; u < s.poolOptions.poolHeight(); u++) {
                            int r = i * s.poolOptions.strideHeight() - p.top() + u;
                            for (int v = 0; v < s.poolOptions.poolWidth(); v++) {
                                int q = j * s.poolOptions.strideWidth() - p.left() + v;
                                if (r >= 0 && r < h && q >= 0 && q < w) {
                                    float val = arena[x + ((n * h + r) * w + q) * c + ch];
                                    best = Math.max(best, val);
                                    sum += val;
                                    cells++;
                                }
                            }
                        }
                        arena[y + ((n * out.dim(1) + i) * out.dim(2) + j) * c + ch] =
                                max ? best : cells > 0 ? sum / cells : 0f;
                    }
                }
            }
        }
    }
}
