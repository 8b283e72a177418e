package org.resnet4j.tck;

import org.resnet4j.ops.ArgumentErrors;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.ElementwiseShapes;
import org.resnet4j.ops.LayoutShapes;
import org.resnet4j.ops.MatrixShapes;
import org.resnet4j.ops.NormalizationShapes;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.PoolingShapes;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The oracle: every primitive written as plain loops over {@link HostTensor}s, accumulating in double. It is
 * slow on purpose and meant to be read: each method is the definition of its op. Backends are tested against it.
 * Like every backend, it checks its arguments with the api's shape rules ({@code ConvolutionShapes}, ...) and only
 * computes.
 */
public final class ReferenceOps implements Ops {

    @Override
    public Tensor upload(HostTensor host) {
        return host.copy();
    }

    @Override
    public HostTensor download(Tensor tensor) {
        return host(tensor, "download").copy();
    }

    @Override
    public Tensor conv2d(Tensor inputTensor, Tensor kernelTensor, Tensor biasTensor, Conv2dOptions options) {
        HostTensor input = host(inputTensor, "conv2d");
        HostTensor kernel = host(kernelTensor, "conv2d");
        HostTensor biasHost = biasTensor == null ? null : host(biasTensor, "conv2d");
        Shape outShape = ConvolutionShapes.conv2d(input.shape(), kernel.shape(),
                biasHost == null ? null : biasHost.shape(), options);
        float[] bias = biasHost == null ? null : biasHost.data();
        int n = input.shape().dim(0);
        int h = input.shape().dim(1);
        int w = input.shape().dim(2);
        int cin = input.shape().dim(3);
        int kh = kernel.shape().dim(0);
        int kw = kernel.shape().dim(1);
        int cout = kernel.shape().dim(3);
        int sh = options.strideHeight();
        int sw = options.strideWidth();
        Padding.Explicit pad = ConvolutionShapes.padding(input.shape(), kernel.shape(), options);
        int oh = outShape.dim(1);
        int ow = outShape.dim(2);

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
        return HostTensor.of(outShape, out);
    }

    @Override
    public Tensor batchNorm(Tensor inputTensor, Tensor gamma, Tensor beta, Tensor mean, Tensor variance,
                            float epsilon) {
        HostTensor input = host(inputTensor, "batchNorm");
        HostTensor gammaHost = host(gamma, "batchNorm");
        HostTensor betaHost = host(beta, "batchNorm");
        HostTensor meanHost = host(mean, "batchNorm");
        HostTensor varianceHost = host(variance, "batchNorm");
        NormalizationShapes.batchNorm(input.shape(), gammaHost.shape(), betaHost.shape(), meanHost.shape(),
                varianceHost.shape(), epsilon);
        int c = input.shape().dim(-1);
        float[] g = gammaHost.data();
        float[] be = betaHost.data();
        float[] m = meanHost.data();
        float[] v = varianceHost.data();
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
        HostTensor input = host(inputTensor, "relu");
        ElementwiseShapes.relu(input.shape());
        float[] x = input.data();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.max(x[i], 0f);
        }
        return HostTensor.of(input.shape(), out);
    }

    @Override
    public Tensor add(Tensor aTensor, Tensor bTensor) {
        HostTensor a = host(aTensor, "add");
        HostTensor b = host(bTensor, "add");
        ElementwiseShapes.add(a.shape(), b.shape());
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((double) a.data()[i] + b.data()[i]);
        }
        return HostTensor.of(a.shape(), out);
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        HostTensor x = host(input, "maxPool");
        return pool(x, options, PoolingShapes.maxPool(x.shape(), options), true);
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        HostTensor x = host(input, "avgPool");
        return pool(x, options, PoolingShapes.avgPool(x.shape(), options), false);
    }

    /** Max or average pooling; padded cells are skipped, which is -infinity for max and "not counted" for avg. */
    private static HostTensor pool(HostTensor input, PoolOptions options, Shape outShape, boolean max) {
        int n = input.shape().dim(0);
        int h = input.shape().dim(1);
        int w = input.shape().dim(2);
        int c = input.shape().dim(3);
        int ph = options.poolHeight();
        int pw = options.poolWidth();
        int sh = options.strideHeight();
        int sw = options.strideWidth();
        Padding.Explicit pad = PoolingShapes.padding(input.shape(), options);
        int oh = outShape.dim(1);
        int ow = outShape.dim(2);
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
        return HostTensor.of(outShape, out);
    }

    @Override
    public Tensor globalAvgPool(Tensor inputTensor) {
        HostTensor input = host(inputTensor, "globalAvgPool");
        Shape outShape = PoolingShapes.globalAvgPool(input.shape());
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
        return HostTensor.of(outShape, out);
    }

    @Override
    public Tensor zeroPad(Tensor inputTensor, Padding.Explicit padding) {
        HostTensor input = host(inputTensor, "zeroPad");
        Shape outShape = LayoutShapes.zeroPad(input.shape(), padding);
        int n = input.shape().dim(0);
        int h = input.shape().dim(1);
        int w = input.shape().dim(2);
        int c = input.shape().dim(3);
        int oh = outShape.dim(1);
        int ow = outShape.dim(2);
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
        return HostTensor.of(outShape, out);
    }

    @Override
    public Tensor reshape(Tensor inputTensor, Shape shape) {
        HostTensor input = host(inputTensor, "reshape");
        return HostTensor.of(LayoutShapes.reshape(input.shape(), shape), input.data().clone());
    }

    @Override
    public Tensor dense(Tensor inputTensor, Tensor kernelTensor, Tensor biasTensor) {
        HostTensor input = host(inputTensor, "dense");
        HostTensor kernel = host(kernelTensor, "dense");
        HostTensor biasHost = biasTensor == null ? null : host(biasTensor, "dense");
        Shape outShape = MatrixShapes.dense(input.shape(), kernel.shape(), biasHost == null ? null : biasHost.shape());
        int n = input.shape().dim(0);
        int in = input.shape().dim(1);
        int out = kernel.shape().dim(1);
        float[] bias = biasHost == null ? null : biasHost.data();
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
        return HostTensor.of(outShape, result);
    }

    @Override
    public Tensor softmax(Tensor inputTensor) {
        HostTensor input = host(inputTensor, "softmax");
        MatrixShapes.softmax(input.shape());
        float[] x = input.data();
        double[] wide = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            wide[i] = x[i];
        }
        double[] rows = ForwardLoops.softmaxRows(wide, input.shape().dim(0), input.shape().dim(1));
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = (float) rows[i];
        }
        return HostTensor.of(input.shape(), out);
    }

    @Override
    public Tensor dropout(Tensor input, float rate) {
        HostTensor x = host(input, "dropout");
        ElementwiseShapes.dropout(x.shape(), rate);
        return x.copy();
    }

    /** The tensor as the host array this oracle computes on; any {@link HostTensor} is one of ours. */
    private static HostTensor host(Tensor t, String op) {
        if (t instanceof HostTensor h) {
            return h;
        }
        throw ArgumentErrors.foreignTensor(op, "ReferenceOps (a HostTensor)", t);
    }

    @Override
    public String toString() {
        return "ReferenceOps";
    }
}
