package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolingShapes;
import org.resnet4j.plan.OpKind;
import org.resnet4j.plan.OpPlan;
import org.resnet4j.plan.PlanOperand;
import org.resnet4j.plan.PlanStep;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Test helper: runs an {@link OpPlan} on the CPU the way {@link CudaExecutionPlan} runs it on the GPU: each value
 * at the offset {@link CudaBufferPlanner} gives it in one float arena, in-place steps with the same offset for
 * input and output, and loops that follow the kernels' semantics. It checks the plan and the arena where no GPU
 * exists: if two live values shared memory, the results would be wrong.
 */
final class HostPlanExecutor {
    private final OpPlan plan;
    private final Function<String, HostTensor> weights;
    private final float[] arena;
    private final int[] offset;

    /** @param weights the data of each weight a step names ({@code OpPlanner.weight}) */
    HostPlanExecutor(OpPlan plan, CudaBufferPlanner.Plan placement, Function<String, HostTensor> weights) {
        this.plan = plan;
        this.weights = weights;
        this.arena = new float[(int) (placement.arenaBytes() / Float.BYTES)];
        this.offset = new int[plan.valueCount()];
        for (int v = 0; v < offset.length; v++) {
            offset[v] = (int) (placement.offsets()[v] / Float.BYTES);
        }
    }

    /** Copies the inputs in, runs every step, copies the outputs out. */
    List<HostTensor> run(List<HostTensor> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            HostTensor in = inputs.get(i);
            System.arraycopy(in.data(), 0, arena, offset[plan.inputs().get(i).value()], in.size());
        }
        for (PlanStep s : plan.steps()) {
            run(s);
        }
        List<HostTensor> outputs = new ArrayList<>();
        for (PlanOperand out : plan.outputs()) {
            float[] d = new float[out.shape().size()];
            System.arraycopy(arena, offset[out.value()], d, 0, d.length);
            outputs.add(HostTensor.of(out.shape(), d));
        }
        return outputs;
    }

    private float[] weight(PlanStep s, int i) {
        return s.weight(i) == null ? null : weights.apply(s.weight(i).name()).data();
    }

    private void run(PlanStep s) {
        int x = offset[s.input(0).value()];
        int y = offset[s.output().value()];
        Shape in = s.input(0).shape();
        Shape out = s.output().shape();
        int count = out.size();
        switch (s.op()) {
            case CONV2D -> conv(s, x, in, out, y);
            case DENSE -> {
                float[] k = weight(s, 0);
                float[] b = weight(s, 1);
                int rows = out.dim(0);
                int n = out.dim(1);
                int kk = in.dim(1);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < n; c++) {
                        float acc = 0;
                        for (int q = 0; q < kk; q++) {
                            acc += arena[x + r * kk + q] * k[q * n + c];
                        }
                        arena[y + r * n + c] = finish(acc + (b == null ? 0 : b[c]), s.fusedRelu());
                    }
                }
            }
            case BATCH_NORM -> {
                float[] gamma = weight(s, 0);
                float[] beta = weight(s, 1);
                float[] mean = weight(s, 2);
                float[] variance = weight(s, 3);
                int c = in.dim(-1);
                for (int i = 0; i < count; i++) {
                    int ch = i % c;
                    float v = (float) (gamma[ch] * (arena[x + i] - mean[ch]) / Math.sqrt(variance[ch] + s.epsilon())
                            + beta[ch]);
                    arena[y + i] = finish(v, s.fusedRelu());
                }
            }
            case RELU -> {
                for (int i = 0; i < count; i++) {
                    arena[y + i] = Math.max(arena[x + i], 0f);
                }
            }
            case ADD -> {
                int z = offset[s.input(1).value()];
                for (int i = 0; i < count; i++) {
                    arena[y + i] = finish(arena[x + i] + arena[z + i], s.fusedRelu());
                }
            }
            case MAX_POOL, AVG_POOL -> pool(s, x, in, out, y);
            case GLOBAL_AVG_POOL -> {
                int n = in.dim(0);
                int hw = in.dim(1) * in.dim(2);
                int c = in.dim(3);
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
            case ZERO_PAD -> zeroPad(s.padding(), x, in, out, y);
            case SOFTMAX -> softmax(x, in.dim(0), in.dim(1), y);
        }
    }

    private static float finish(float v, boolean relu) {
        return relu ? Math.max(v, 0f) : v;
    }

    private void conv(PlanStep s, int x, Shape in, Shape out, int y) {
        float[] k = weight(s, 0);
        float[] b = weight(s, 1);
        Shape ks = s.weight(0).shape();
        Padding.Explicit p = ConvolutionShapes.padding(in, ks, s.conv2dOptions());
        int sh = s.conv2dOptions().strideHeight();
        int sw = s.conv2dOptions().strideWidth();
        int h = in.dim(1);
        int w = in.dim(2);
        int c = in.dim(3);
        int co = out.dim(3);
        for (int n = 0; n < out.dim(0); n++) {
            for (int i = 0; i < out.dim(1); i++) {
                for (int j = 0; j < out.dim(2); j++) {
                    for (int o = 0; o < co; o++) {
                        float acc = 0;
                        for (int u = 0; u < ks.dim(0); u++) {
                            int r = i * sh - p.top() + u;
                            if (r < 0 || r >= h) {
                                continue;
                            }
                            for (int v = 0; v < ks.dim(1); v++) {
                                int q = j * sw - p.left() + v;
                                if (q < 0 || q >= w) {
                                    continue;
                                }
                                for (int ci = 0; ci < c; ci++) {
                                    acc += arena[x + ((n * h + r) * w + q) * c + ci]
                                            * k[((u * ks.dim(1) + v) * c + ci) * co + o];
                                }
                            }
                        }
                        arena[y + ((n * out.dim(1) + i) * out.dim(2) + j) * co + o] =
                                finish(acc + (b == null ? 0 : b[o]), s.fusedRelu());
                    }
                }
            }
        }
    }

    private void pool(PlanStep s, int x, Shape in, Shape out, int y) {
        Padding.Explicit p = PoolingShapes.padding(in, s.poolOptions());
        int h = in.dim(1);
        int w = in.dim(2);
        int c = in.dim(3);
        boolean max = s.op() == OpKind.MAX_POOL;
        for (int n = 0; n < out.dim(0); n++) {
            for (int i = 0; i < out.dim(1); i++) {
                for (int j = 0; j < out.dim(2); j++) {
                    for (int ch = 0; ch < c; ch++) {
                        float best = Float.NEGATIVE_INFINITY;
                        float sum = 0;
                        int cells = 0;
                        for (int u = 0; u < s.poolOptions().poolHeight(); u++) {
                            int r = i * s.poolOptions().strideHeight() - p.top() + u;
                            for (int v = 0; v < s.poolOptions().poolWidth(); v++) {
                                int q = j * s.poolOptions().strideWidth() - p.left() + v;
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

    private void zeroPad(Padding.Explicit p, int x, Shape in, Shape out, int y) {
        int h = in.dim(1);
        int w = in.dim(2);
        int c = in.dim(3);
        for (int n = 0; n < out.dim(0); n++) {
            for (int i = 0; i < out.dim(1); i++) {
                for (int j = 0; j < out.dim(2); j++) {
                    for (int ch = 0; ch < c; ch++) {
                        int r = i - p.top();
                        int q = j - p.left();
                        arena[y + ((n * out.dim(1) + i) * out.dim(2) + j) * c + ch] =
                                r >= 0 && r < h && q >= 0 && q < w ? arena[x + ((n * h + r) * w + q) * c + ch] : 0f;
                    }
                }
            }
        }
    }

    private void softmax(int x, int rows, int cols, int y) {
        for (int r = 0; r < rows; r++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, arena[x + r * cols + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(arena[x + r * cols + c] - max);
            }
            for (int c = 0; c < cols; c++) {
                arena[y + r * cols + c] = (float) (Math.exp(arena[x + r * cols + c] - max) / sum);
            }
        }
    }
}
