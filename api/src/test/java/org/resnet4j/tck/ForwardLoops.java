package org.resnet4j.tck;

import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.Shape;

/**
 * The forward ops of {@link org.resnet4j.ops.Ops} as plain loops in float64, for {@link Float64Ops}. They define the
 * same functions as {@link ReferenceOps} (which keeps float32 tensors); {@code Float64OpsTest} checks that the two
 * agree. Arguments are assumed valid: the callers check shapes.
 */
final class ForwardLoops {
    private ForwardLoops() {
    }

    static Float64Tensor conv2d(Float64Tensor input, Float64Tensor kernel, Float64Tensor bias, Conv2dOptions options) {
        Shape ks = kernel.shape();
        Window win = Window.of(input.shape(), ks.dim(0), ks.dim(1), options.strideHeight(), options.strideWidth(),
                options.padding());
        int cin = win.c();
        int cout = ks.dim(3);
        double[] x = input.values();
        double[] k = kernel.values();
        double[] out = new double[win.n() * win.oh() * win.ow() * cout];
        for (int b = 0; b < win.n(); b++) {
            for (int oy = 0; oy < win.oh(); oy++) {
                for (int ox = 0; ox < win.ow(); ox++) {
                    for (int co = 0; co < cout; co++) {
                        double sum = bias == null ? 0.0 : bias.values()[co];
                        for (int ky = 0; ky < win.kh(); ky++) {
                            for (int kx = 0; kx < win.kw(); kx++) {
                                int iy = win.inputRow(oy, ky);
                                int ix = win.inputColumn(ox, kx);
                                if (!win.inside(iy, ix)) {
                                    continue; // zero padding contributes nothing
                                }
                                for (int ci = 0; ci < cin; ci++) {
                                    sum += x[win.inputOffset(b, iy, ix, ci, cin)]
                                            * k[((ky * win.kw() + kx) * cin + ci) * cout + co];
                                }
                            }
                        }
                        out[win.outputOffset(b, oy, ox, co, cout)] = sum;
                    }
                }
            }
        }
        return Float64Tensor.of(Shape.of(win.n(), win.oh(), win.ow(), cout), out);
    }

    static Float64Tensor dense(Float64Tensor input, Float64Tensor kernel, Float64Tensor bias) {
        int n = input.shape().dim(0);
        int in = input.shape().dim(1);
        int units = kernel.shape().dim(1);
        double[] out = new double[n * units];
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < units; j++) {
                double sum = bias == null ? 0.0 : bias.values()[j];
                for (int i = 0; i < in; i++) {
                    sum += input.values()[b * in + i] * kernel.values()[i * units + j];
                }
                out[b * units + j] = sum;
            }
        }
        return Float64Tensor.of(Shape.of(n, units), out);
    }

    static Float64Tensor batchNorm(Float64Tensor input, Float64Tensor gamma, Float64Tensor beta, Float64Tensor mean,
            Float64Tensor variance, double epsilon) {
        int c = input.shape().dim(-1);
        double[] x = input.values();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = i % c;
            double normalised = (x[i] - mean.values()[ch]) / Math.sqrt(variance.values()[ch] + epsilon);
            out[i] = gamma.values()[ch] * normalised + beta.values()[ch];
        }
        return Float64Tensor.of(input.shape(), out);
    }

    static Float64Tensor relu(Float64Tensor input) {
        double[] x = input.values();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.max(x[i], 0.0);
        }
        return Float64Tensor.of(input.shape(), out);
    }

    static Float64Tensor add(Float64Tensor a, Float64Tensor b) {
        double[] out = new double[a.values().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.values()[i] + b.values()[i];
        }
        return Float64Tensor.of(a.shape(), out);
    }

    /** Max or average pooling; padded cells are skipped: -infinity for max, not counted for average. */
    static Float64Tensor pool(Float64Tensor input, PoolOptions options, boolean max) {
        Window win = Window.of(input.shape(), options.poolHeight(), options.poolWidth(), options.strideHeight(),
                options.strideWidth(), options.padding());
        int c = win.c();
        double[] x = input.values();
        double[] out = new double[win.n() * win.oh() * win.ow() * c];
        for (int b = 0; b < win.n(); b++) {
            for (int oy = 0; oy < win.oh(); oy++) {
                for (int ox = 0; ox < win.ow(); ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        double best = Double.NEGATIVE_INFINITY;
                        double sum = 0.0;
                        int count = 0;
                        for (int py = 0; py < win.kh(); py++) {
                            for (int px = 0; px < win.kw(); px++) {
                                int iy = win.inputRow(oy, py);
                                int ix = win.inputColumn(ox, px);
                                if (win.inside(iy, ix)) {
                                    double v = x[win.inputOffset(b, iy, ix, ch, c)];
                                    best = Math.max(best, v);
                                    sum += v;
                                    count++;
                                }
                            }
                        }
                        out[win.outputOffset(b, oy, ox, ch, c)] = max ? best : (count == 0 ? 0.0 : sum / count);
                    }
                }
            }
        }
        return Float64Tensor.of(Shape.of(win.n(), win.oh(), win.ow(), c), out);
    }

    static Float64Tensor globalAvgPool(Float64Tensor input) {
        Shape s = input.shape();
        int n = s.dim(0);
        int cells = s.dim(1) * s.dim(2);
        int c = s.dim(3);
        double[] out = new double[n * c];
        for (int b = 0; b < n; b++) {
            for (int cell = 0; cell < cells; cell++) {
                for (int ch = 0; ch < c; ch++) {
                    out[b * c + ch] += input.values()[(b * cells + cell) * c + ch];
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= cells;
        }
        return Float64Tensor.of(Shape.of(n, c), out);
    }

    static Float64Tensor zeroPad(Float64Tensor input, Padding.Explicit padding) {
        Shape s = input.shape();
        int n = s.dim(0);
        int h = s.dim(1);
        int w = s.dim(2);
        int c = s.dim(3);
        int oh = h + padding.top() + padding.bottom();
        int ow = w + padding.left() + padding.right();
        double[] out = new double[n * oh * ow * c];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    System.arraycopy(input.values(), ((b * h + y) * w + x) * c, out,
                            ((b * oh + y + padding.top()) * ow + x + padding.left()) * c, c);
                }
            }
        }
        return Float64Tensor.of(Shape.of(n, oh, ow, c), out);
    }

    static Float64Tensor softmax(Float64Tensor input) {
        return Float64Tensor.of(input.shape(),
                softmaxRows(input.values(), input.shape().dim(0), input.shape().dim(1)));
    }

    /**
     * Softmax of each of the {@code n} rows of {@code classes} values in {@code x}, in double; the float32 oracle
     * ({@link ReferenceOps#softmax}) rounds the same result, so both oracles share one formula.
     */
    static double[] softmaxRows(double[] x, int n, int classes) {
        double[] out = new double[x.length];
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
                out[b * classes + j] = Math.exp(x[b * classes + j] - max) / sum;
            }
        }
        return out;
    }
}
