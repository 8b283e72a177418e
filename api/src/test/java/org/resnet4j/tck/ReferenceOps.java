package org.resnet4j.tck;

import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The oracle: every primitive written as plain loops over {@link HostTensor}s, accumulating in double. It is
 * slow on purpose and meant to be read: each method is the definition of its op. Backends are tested against it.
 */
public final class ReferenceOps implements Ops {

    @Override
    public Tensor upload(HostTensor host) {
        return host.copy();
    }

    @Override
    public HostTensor download(Tensor tensor) {
        return host(tensor, "download", "tensor").copy();
    }

    @Override
    public Tensor conv2d(Tensor inputTensor, Tensor kernelTensor, Tensor biasTensor, Conv2dOptions options) {
        HostTensor input = host(inputTensor, "conv2d", "input");
        HostTensor kernel = host(kernelTensor, "conv2d", "kernel");
        requireRank("conv2d", "input", input, 4, "[n, h, w, cin]");
        requireRank("conv2d", "kernel", kernel, 4, "[kh, kw, cin, cout]");
        int n = input.shape().dim(0);
        int h = input.shape().dim(1);
        int w = input.shape().dim(2);
        int cin = input.shape().dim(3);
        int kh = kernel.shape().dim(0);
        int kw = kernel.shape().dim(1);
        int cout = kernel.shape().dim(3);
        if (kernel.shape().dim(2) != cin) {
            throw new IllegalArgumentException("conv2d expects a kernel with " + cin + " input channels (the input's"
                    + " last dimension). Received: input shape=" + input.shape() + ", kernel shape=" + kernel.shape());
        }
        float[] bias = null;
        if (biasTensor != null) {
            HostTensor b = host(biasTensor, "conv2d", "bias");
            requireShape("conv2d", "bias", b, Shape.of(cout));
            bias = b.data();
        }
        int sh = options.strideHeight();
        int sw = options.strideWidth();
        Padding.Explicit pad = options.padding().resolve(h, w, kh, kw, sh, sw);
        int oh = WindowGeometry.outputSize(h, kh, sh, pad.top(), pad.bottom());
        int ow = WindowGeometry.outputSize(w, kw, sw, pad.left(), pad.right());
        requirePositiveOutput("conv2d", input.shape(), kernel.shape(), oh, ow);

        float[] x = input.data();
        float[] k = kernel.data();
        float[] out = new float[n * oh * ow * cout];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int co = 0; co < cout; co++) {
                        double sum = bias == null ? 0.0 : bias[co];
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = oy * sh + ky - pad.top();
                            if (iy < 0 || iy >= h) {
                                continue; // zero padding contributes nothing
                            }
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = ox * sw + kx - pad.left();
                                if (ix < 0 || ix >= w) {
                                    continue;
                                }
                                for (int ci = 0; ci < cin; ci++) {
                                    double xv = x[((b * h + iy) * w + ix) * cin + ci];
                                    double kv = k[((ky * kw + kx) * cin + ci) * cout + co];
                                    sum += xv * kv;
                                }
                            }
                        }
                        out[((b * oh + oy) * ow + ox) * cout + co] = (float) sum;
                    }
                }
            }
        }
        return HostTensor.of(Shape.of(n, oh, ow, cout), out);
    }

    @Override
    public Tensor batchNorm(Tensor inputTensor, Tensor gamma, Tensor beta, Tensor mean, Tensor variance,
                            float epsilon) {
        HostTensor input = host(inputTensor, "batchNorm", "input");
        int c = input.shape().dim(-1);
        float[] g = vector("batchNorm", "gamma", gamma, c);
        float[] be = vector("batchNorm", "beta", beta, c);
        float[] m = vector("batchNorm", "mean", mean, c);
        float[] v = vector("batchNorm", "variance", variance, c);
        float[] x = input.data();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = i % c;
            double normalised = (x[i] - (double) m[ch]) / Math.sqrt((double) v[ch] + (double) epsilon);
            out[i] = (float) (g[ch] * normalised + be[ch]);
        }
        return HostTensor.of(input.shape(), out);
    }

    @Override
    public Tensor relu(Tensor inputTensor) {
        HostTensor input = host(inputTensor, "relu", "input");
        float[] x = input.data();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.max(x[i], 0f);
        }
        return HostTensor.of(input.shape(), out);
    }

    @Override
    public Tensor add(Tensor aTensor, Tensor bTensor) {
        HostTensor a = host(aTensor, "add", "a");
        HostTensor b = host(bTensor, "add", "b");
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("add expects two tensors of the same shape. Received: "
                    + a.shape() + " and " + b.shape());
        }
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((double) a.data()[i] + b.data()[i]);
        }
        return HostTensor.of(a.shape(), out);
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        return pool("maxPool", host(input, "maxPool", "input"), options, true);
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        return pool("avgPool", host(input, "avgPool", "input"), options, false);
    }

    /** Max or average pooling; padded cells are skipped, which is -infinity for max and "not counted" for avg. */
    private static HostTensor pool(String op, HostTensor input, PoolOptions options, boolean max) {
        requireRank(op, "input", input, 4, "[n, h, w, c]");
        int n = input.shape().dim(0);
        int h = input.shape().dim(1);
        int w = input.shape().dim(2);
        int c = input.shape().dim(3);
        int ph = options.poolHeight();
        int pw = options.poolWidth();
        int sh = options.strideHeight();
        int sw = options.strideWidth();
        Padding.Explicit pad = options.padding().resolve(h, w, ph, pw, sh, sw);
        int oh = WindowGeometry.outputSize(h, ph, sh, pad.top(), pad.bottom());
        int ow = WindowGeometry.outputSize(w, pw, sw, pad.left(), pad.right());
        requirePositiveOutput(op, input.shape(), Shape.of(ph, pw), oh, ow);
        float[] x = input.data();
        float[] out = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        double best = Double.NEGATIVE_INFINITY;
                        double sum = 0.0;
                        int count = 0;
                        for (int py = 0; py < ph; py++) {
                            int iy = oy * sh + py - pad.top();
                            for (int px = 0; px < pw; px++) {
                                int ix = ox * sw + px - pad.left();
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                    continue;
                                }
                                double v = x[((b * h + iy) * w + ix) * c + ch];
                                best = Math.max(best, v);
                                sum += v;
                                count++;
                            }
                        }
                        // A window wholly in the padding has no real cell: max is -inf, avg is taken as 0.
                        double value = max ? best : (count == 0 ? 0.0 : sum / count);
                        out[((b * oh + oy) * ow + ox) * c + ch] = (float) value;
                    }
                }
            }
        }
        return HostTensor.of(Shape.of(n, oh, ow, c), out);
    }

    @Override
    public Tensor globalAvgPool(Tensor inputTensor) {
        HostTensor input = host(inputTensor, "globalAvgPool", "input");
        requireRank("globalAvgPool", "input", input, 4, "[n, h, w, c]");
        int n = input.shape().dim(0);
        int h = input.shape().dim(1);
        int w = input.shape().dim(2);
        int c = input.shape().dim(3);
        float[] x = input.data();
        float[] out = new float[n * c];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                double sum = 0.0;
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        sum += x[((b * h + y) * w + xx) * c + ch];
                    }
                }
                out[b * c + ch] = (float) (sum / (h * w));
            }
        }
        return HostTensor.of(Shape.of(n, c), out);
    }

    @Override
    public Tensor zeroPad(Tensor inputTensor, Padding.Explicit padding) {
        HostTensor input = host(inputTensor, "zeroPad", "input");
        requireRank("zeroPad", "input", input, 4, "[n, h, w, c]");
        int n = input.shape().dim(0);
        int h = input.shape().dim(1);
        int w = input.shape().dim(2);
        int c = input.shape().dim(3);
        int oh = h + padding.top() + padding.bottom();
        int ow = w + padding.left() + padding.right();
        float[] out = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        int target = ((b * oh + y + padding.top()) * ow + x + padding.left()) * c + ch;
                        out[target] = input.data()[((b * h + y) * w + x) * c + ch];
                    }
                }
            }
        }
        return HostTensor.of(Shape.of(n, oh, ow, c), out);
    }

    @Override
    public Tensor reshape(Tensor inputTensor, Shape shape) {
        HostTensor input = host(inputTensor, "reshape", "input");
        if (input.shape().sizeAsLong() != shape.sizeAsLong()) {
            throw new IllegalArgumentException("reshape expects a shape with " + input.shape().sizeAsLong()
                    + " elements like the input " + input.shape() + ". Received: " + shape);
        }
        return HostTensor.of(shape, input.data().clone());
    }

    @Override
    public Tensor dense(Tensor inputTensor, Tensor kernelTensor, Tensor biasTensor) {
        HostTensor input = host(inputTensor, "dense", "input");
        HostTensor kernel = host(kernelTensor, "dense", "kernel");
        requireRank("dense", "input", input, 2, "[n, in]");
        requireRank("dense", "kernel", kernel, 2, "[in, out]");
        int n = input.shape().dim(0);
        int in = input.shape().dim(1);
        int out = kernel.shape().dim(1);
        if (kernel.shape().dim(0) != in) {
            throw new IllegalArgumentException("dense expects a kernel of shape [" + in + ", units] for input "
                    + input.shape() + ". Received: kernel shape=" + kernel.shape());
        }
        float[] bias = null;
        if (biasTensor != null) {
            HostTensor b = host(biasTensor, "dense", "bias");
            requireShape("dense", "bias", b, Shape.of(out));
            bias = b.data();
        }
        float[] result = new float[n * out];
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < out; j++) {
                double sum = bias == null ? 0.0 : bias[j];
                for (int i = 0; i < in; i++) {
                    sum += (double) input.data()[b * in + i] * kernel.data()[i * out + j];
                }
                result[b * out + j] = (float) sum;
            }
        }
        return HostTensor.of(Shape.of(n, out), result);
    }

    @Override
    public Tensor softmax(Tensor inputTensor) {
        HostTensor input = host(inputTensor, "softmax", "input");
        requireRank("softmax", "input", input, 2, "[n, classes]");
        int n = input.shape().dim(0);
        int classes = input.shape().dim(1);
        float[] x = input.data();
        float[] out = new float[x.length];
        for (int b = 0; b < n; b++) {
            // Subtracting the row maximum keeps exp() finite for large logits without changing the result.
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, x[b * classes + j]);
            }
            double sum = 0.0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(x[b * classes + j] - max);
            }
            for (int j = 0; j < classes; j++) {
                out[b * classes + j] = (float) (Math.exp(x[b * classes + j] - max) / sum);
            }
        }
        return HostTensor.of(input.shape(), out);
    }

    @Override
    public Tensor dropout(Tensor input, float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout expects a rate in [0, 1). Received: " + rate);
        }
        return host(input, "dropout", "input").copy();
    }

    private static HostTensor host(Tensor t, String op, String argument) {
        if (t == null) {
            throw new IllegalArgumentException(op + " expects a tensor for " + argument + ". Received: null");
        }
        if (!(t instanceof HostTensor h)) {
            throw new IllegalArgumentException(op + " on ReferenceOps expects a HostTensor for " + argument
                    + ". Received: " + t.getClass().getName());
        }
        return h;
    }

    private static float[] vector(String op, String argument, Tensor t, int channels) {
        HostTensor h = host(t, op, argument);
        requireShape(op, argument, h, Shape.of(channels));
        return h.data();
    }

    private static void requireRank(String op, String argument, HostTensor t, int rank, String layout) {
        if (t.shape().rank() != rank) {
            throw new IllegalArgumentException(op + " expects " + argument + " of rank " + rank + " " + layout
                    + ". Received: shape=" + t.shape());
        }
    }

    private static void requireShape(String op, String argument, HostTensor t, Shape expected) {
        if (!t.shape().equals(expected)) {
            throw new IllegalArgumentException(op + " expects " + argument + " of shape " + expected
                    + ". Received: shape=" + t.shape());
        }
    }

    private static void requirePositiveOutput(String op, Shape input, Shape window, int oh, int ow) {
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException(op + ": window " + window + " does not fit input " + input
                    + " with this padding (output would be " + oh + " x " + ow + ")");
        }
    }

    @Override
    public String toString() {
        return "ReferenceOps";
    }
}
