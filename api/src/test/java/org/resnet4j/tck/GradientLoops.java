package org.resnet4j.tck;

import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.tensor.Shape;

/**
 * Every backward primitive of {@link org.resnet4j.ops.GradientOps} as plain loops in float64: the definitions that
 * {@link ReferenceGradients} (float32 tensors) and {@link Float64Ops} (float64 tensors) both run, and that the
 * finite-difference tests check. Each method is the textbook derivative of its forward op, written to be read.
 * Arguments are assumed valid: the callers check shapes with {@link org.resnet4j.ops.GradientShapes}.
 */
final class GradientLoops {
    private GradientLoops() {
    }

    /** {@code dx[b, iy, ix, ci] = sum over the outputs whose window covers (iy, ix) of dy * kernel}. */
    static Float64Tensor conv2dBackwardInput(Float64Tensor dy, Shape inputShape, Float64Tensor kernel,
            Conv2dOptions options) {
        Shape ks = kernel.shape();
        Window win = Window.of(inputShape, ks.dim(0), ks.dim(1), options.strideHeight(), options.strideWidth(),
                options.padding());
        int cin = win.c();
        int cout = ks.dim(3);
        double[] g = dy.values();
        double[] k = kernel.values();
        double[] dx = new double[inputShape.size()];
        for (int b = 0; b < win.n(); b++) {
            for (int oy = 0; oy < win.oh(); oy++) {
                for (int ox = 0; ox < win.ow(); ox++) {
                    for (int ky = 0; ky < win.kh(); ky++) {
                        for (int kx = 0; kx < win.kw(); kx++) {
                            int iy = win.inputRow(oy, ky);
                            int ix = win.inputColumn(ox, kx);
                            if (!win.inside(iy, ix)) {
                                continue; // a padded cell has no input to receive the gradient
                            }
                            for (int ci = 0; ci < cin; ci++) {
                                double sum = 0.0;
                                for (int co = 0; co < cout; co++) {
                                    sum += g[win.outputOffset(b, oy, ox, co, cout)]
                                            * k[((ky * win.kw() + kx) * cin + ci) * cout + co];
                                }
                                dx[win.inputOffset(b, iy, ix, ci, cin)] += sum;
                            }
                        }
                    }
                }
            }
        }
        return Float64Tensor.of(inputShape, dx);
    }

    /** {@code dk[ky, kx, ci, co] = sum over batch and outputs of dy[.., co] * input under (ky, kx)}. */
    static Float64Tensor conv2dBackwardKernel(Float64Tensor dy, Float64Tensor input, Shape kernelShape,
            Conv2dOptions options) {
        Window win = Window.of(input.shape(), kernelShape.dim(0), kernelShape.dim(1), options.strideHeight(),
                options.strideWidth(), options.padding());
        int cin = win.c();
        int cout = kernelShape.dim(3);
        double[] g = dy.values();
        double[] x = input.values();
        double[] dk = new double[kernelShape.size()];
        for (int b = 0; b < win.n(); b++) {
            for (int oy = 0; oy < win.oh(); oy++) {
                for (int ox = 0; ox < win.ow(); ox++) {
                    for (int ky = 0; ky < win.kh(); ky++) {
                        for (int kx = 0; kx < win.kw(); kx++) {
                            int iy = win.inputRow(oy, ky);
                            int ix = win.inputColumn(ox, kx);
                            if (!win.inside(iy, ix)) {
                                continue;
                            }
                            for (int ci = 0; ci < cin; ci++) {
                                double xv = x[win.inputOffset(b, iy, ix, ci, cin)];
                                int kernelRow = ((ky * win.kw() + kx) * cin + ci) * cout;
                                for (int co = 0; co < cout; co++) {
                                    dk[kernelRow + co] += xv * g[win.outputOffset(b, oy, ox, co, cout)];
                                }
                            }
                        }
                    }
                }
            }
        }
        return Float64Tensor.of(kernelShape, dk);
    }

    /** The sum over every axis but the last. */
    static Float64Tensor biasBackward(Float64Tensor dy) {
        int c = dy.shape().dim(-1);
        double[] db = new double[c];
        double[] g = dy.values();
        for (int i = 0; i < g.length; i++) {
            db[i % c] += g[i];
        }
        return Float64Tensor.of(Shape.of(c), db);
    }

    /** {@code dx = dy x kernel^T}. */
    static Float64Tensor denseBackwardInput(Float64Tensor dy, Float64Tensor kernel) {
        int n = dy.shape().dim(0);
        int units = dy.shape().dim(1);
        int in = kernel.shape().dim(0);
        double[] dx = new double[n * in];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < in; i++) {
                double sum = 0.0;
                for (int j = 0; j < units; j++) {
                    sum += dy.values()[b * units + j] * kernel.values()[i * units + j];
                }
                dx[b * in + i] = sum;
            }
        }
        return Float64Tensor.of(Shape.of(n, in), dx);
    }

    /** {@code dk = input^T x dy}. */
    static Float64Tensor denseBackwardKernel(Float64Tensor dy, Float64Tensor input) {
        int n = dy.shape().dim(0);
        int units = dy.shape().dim(1);
        int in = input.shape().dim(1);
        double[] dk = new double[in * units];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < in; i++) {
                double xv = input.values()[b * in + i];
                for (int j = 0; j < units; j++) {
                    dk[i * units + j] += xv * dy.values()[b * units + j];
                }
            }
        }
        return Float64Tensor.of(Shape.of(in, units), dk);
    }

    /**
     * Normalises with the batch mean and biased variance and updates the moving statistics in place; returns
     * {@code {output, mean, variance}}.
     */
    static Float64Tensor[] batchNormTraining(Float64Tensor input, Float64Tensor gamma, Float64Tensor beta,
            Float64Tensor movingMean, Float64Tensor movingVariance, double epsilon, double momentum) {
        int c = input.shape().dim(-1);
        double[] x = input.values();
        int m = x.length / c;
        double[] mean = new double[c];
        for (int i = 0; i < x.length; i++) {
            mean[i % c] += x[i];
        }
        for (int ch = 0; ch < c; ch++) {
            mean[ch] /= m;
        }
        // Two passes (mean first, then squared deviations) rather than E[x^2] - E[x]^2, which cancels badly.
        double[] variance = new double[c];
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean[i % c];
            variance[i % c] += d * d;
        }
        for (int ch = 0; ch < c; ch++) {
            variance[ch] /= m;
        }
        Float64Tensor meanTensor = Float64Tensor.of(Shape.of(c), mean);
        Float64Tensor varianceTensor = Float64Tensor.of(Shape.of(c), variance);
        Float64Tensor output = ForwardLoops.batchNorm(input, gamma, beta, meanTensor, varianceTensor, epsilon);
        for (int ch = 0; ch < c; ch++) {
            movingMean.values()[ch] = movingMean.values()[ch] * momentum + mean[ch] * (1 - momentum);
            movingVariance.values()[ch] = movingVariance.values()[ch] * momentum + variance[ch] * (1 - momentum);
        }
        return new Float64Tensor[] {output, meanTensor, varianceTensor};
    }

    /**
     * {@code {dx, dgamma, dbeta}}; with {@code xhat = (x - mean) / sqrt(var + eps)} and {@code m} values per channel:
     * {@code dbeta = sum(dy)}, {@code dgamma = sum(dy * xhat)},
     * {@code dx = gamma / sqrt(var + eps) * (dy - dbeta / m - xhat * dgamma / m)} (the last two terms are the paths
     * through the batch mean and variance).
     */
    static Float64Tensor[] batchNormBackward(Float64Tensor dy, Float64Tensor input, Float64Tensor gamma,
            Float64Tensor mean, Float64Tensor variance, double epsilon) {
        int c = input.shape().dim(-1);
        double[] x = input.values();
        double[] g = dy.values();
        int m = x.length / c;
        double[] inverse = new double[c];
        for (int ch = 0; ch < c; ch++) {
            inverse[ch] = 1.0 / Math.sqrt(variance.values()[ch] + epsilon);
        }
        double[] dgamma = new double[c];
        double[] dbeta = new double[c];
        for (int i = 0; i < x.length; i++) {
            int ch = i % c;
            double xhat = (x[i] - mean.values()[ch]) * inverse[ch];
            dbeta[ch] += g[i];
            dgamma[ch] += g[i] * xhat;
        }
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = i % c;
            double xhat = (x[i] - mean.values()[ch]) * inverse[ch];
            dx[i] = gamma.values()[ch] * inverse[ch] * (g[i] - dbeta[ch] / m - xhat * dgamma[ch] / m);
        }
        return new Float64Tensor[] {Float64Tensor.of(input.shape(), dx), Float64Tensor.of(Shape.of(c), dgamma),
            Float64Tensor.of(Shape.of(c), dbeta)};
    }

    static Float64Tensor reluBackward(Float64Tensor dy, Float64Tensor output) {
        double[] dx = new double[dy.values().length];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = output.values()[i] > 0 ? dy.values()[i] : 0.0;
        }
        return Float64Tensor.of(dy.shape(), dx);
    }

    /** Routes each output cell's gradient to its window's first maximum (row-major window order). */
    static Float64Tensor maxPoolBackward(Float64Tensor dy, Float64Tensor input, PoolOptions options) {
        Window win = Window.of(input.shape(), options.poolHeight(), options.poolWidth(), options.strideHeight(),
                options.strideWidth(), options.padding());
        int c = win.c();
        double[] x = input.values();
        double[] dx = new double[x.length];
        for (int b = 0; b < win.n(); b++) {
            for (int oy = 0; oy < win.oh(); oy++) {
                for (int ox = 0; ox < win.ow(); ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        int winner = -1;
                        double best = Double.NEGATIVE_INFINITY;
                        for (int py = 0; py < win.kh(); py++) {
                            for (int px = 0; px < win.kw(); px++) {
                                int iy = win.inputRow(oy, py);
                                int ix = win.inputColumn(ox, px);
                                if (win.inside(iy, ix)) {
                                    int at = win.inputOffset(b, iy, ix, ch, c);
                                    if (winner < 0 || x[at] > best) { // strictly greater: the first maximum wins ties
                                        winner = at;
                                        best = x[at];
                                    }
                                }
                            }
                        }
                        if (winner >= 0) {
                            dx[winner] += dy.values()[win.outputOffset(b, oy, ox, ch, c)];
                        }
                    }
                }
            }
        }
        return Float64Tensor.of(input.shape(), dx);
    }

    /** Shares each output cell's gradient equally among the input cells its window averaged. */
    static Float64Tensor avgPoolBackward(Float64Tensor dy, Shape inputShape, PoolOptions options) {
        Window win = Window.of(inputShape, options.poolHeight(), options.poolWidth(), options.strideHeight(),
                options.strideWidth(), options.padding());
        int c = win.c();
        double[] dx = new double[inputShape.size()];
        for (int b = 0; b < win.n(); b++) {
            for (int oy = 0; oy < win.oh(); oy++) {
                for (int ox = 0; ox < win.ow(); ox++) {
                    int count = 0;
                    for (int py = 0; py < win.kh(); py++) {
                        for (int px = 0; px < win.kw(); px++) {
                            if (win.inside(win.inputRow(oy, py), win.inputColumn(ox, px))) {
                                count++;
                            }
                        }
                    }
                    for (int ch = 0; ch < c && count > 0; ch++) {
                        double share = dy.values()[win.outputOffset(b, oy, ox, ch, c)] / count;
                        for (int py = 0; py < win.kh(); py++) {
                            for (int px = 0; px < win.kw(); px++) {
                                int iy = win.inputRow(oy, py);
                                int ix = win.inputColumn(ox, px);
                                if (win.inside(iy, ix)) {
                                    dx[win.inputOffset(b, iy, ix, ch, c)] += share;
                                }
                            }
                        }
                    }
                }
            }
        }
        return Float64Tensor.of(inputShape, dx);
    }

    static Float64Tensor globalAvgPoolBackward(Float64Tensor dy, Shape inputShape) {
        int n = inputShape.dim(0);
        int cells = inputShape.dim(1) * inputShape.dim(2);
        int c = inputShape.dim(3);
        double[] dx = new double[inputShape.size()];
        for (int b = 0; b < n; b++) {
            for (int cell = 0; cell < cells; cell++) {
                for (int ch = 0; ch < c; ch++) {
                    dx[(b * cells + cell) * c + ch] = dy.values()[b * c + ch] / cells;
                }
            }
        }
        return Float64Tensor.of(inputShape, dx);
    }

    /** The output gradient without the padded border. */
    static Float64Tensor zeroPadBackward(Float64Tensor dy, Padding.Explicit padding, Shape inputShape) {
        int n = inputShape.dim(0);
        int h = inputShape.dim(1);
        int w = inputShape.dim(2);
        int c = inputShape.dim(3);
        int oh = dy.shape().dim(1);
        int ow = dy.shape().dim(2);
        double[] dx = new double[inputShape.size()];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    System.arraycopy(dy.values(), ((b * oh + y + padding.top()) * ow + x + padding.left()) * c, dx,
                            ((b * h + y) * w + x) * c, c);
                }
            }
        }
        return Float64Tensor.of(inputShape, dx);
    }

    /** {@code dx = y * (dy - sum_j dy_j * y_j)} per row. */
    static Float64Tensor softmaxBackward(Float64Tensor dy, Float64Tensor output) {
        int n = output.shape().dim(0);
        int classes = output.shape().dim(1);
        double[] y = output.values();
        double[] g = dy.values();
        double[] dx = new double[y.length];
        for (int b = 0; b < n; b++) {
            double dot = 0.0;
            for (int j = 0; j < classes; j++) {
                dot += g[b * classes + j] * y[b * classes + j];
            }
            for (int j = 0; j < classes; j++) {
                dx[b * classes + j] = y[b * classes + j] * (g[b * classes + j] - dot);
            }
        }
        return Float64Tensor.of(output.shape(), dx);
    }

    static Float64Tensor multiply(Float64Tensor a, Float64Tensor b) {
        double[] out = new double[a.values().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.values()[i] * b.values()[i];
        }
        return Float64Tensor.of(a.shape(), out);
    }

    /**
     * {@code {loss, dlogits}}: per row {@code loss_i = sum_j t_j * (logsumexp(z) - z_j)}, averaged; its exact
     * derivative {@code (softmax(z) * sum_j t_j - t) / n} (which is {@code (softmax - t) / n} for distributions).
     */
    static Float64Tensor[] softmaxCrossEntropy(Float64Tensor logits, Float64Tensor targets) {
        int n = logits.shape().dim(0);
        int classes = logits.shape().dim(1);
        double[] z = logits.values();
        double[] t = targets.values();
        double[] grad = new double[z.length];
        double total = 0.0;
        for (int b = 0; b < n; b++) {
            int row = b * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, z[row + j]);
            }
            double sum = 0.0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(z[row + j] - max);
            }
            double logSumExp = max + Math.log(sum);
            double targetSum = 0.0;
            for (int j = 0; j < classes; j++) {
                total += t[row + j] * (logSumExp - z[row + j]);
                targetSum += t[row + j];
            }
            for (int j = 0; j < classes; j++) {
                double softmax = Math.exp(z[row + j] - logSumExp);
                grad[row + j] = (softmax * targetSum - t[row + j]) / n;
            }
        }
        return new Float64Tensor[] {Float64Tensor.of(Shape.of(), new double[] {total / n}),
            Float64Tensor.of(logits.shape(), grad)};
    }

    /**
     * {@code {loss, dprobabilities}} as Keras computes the loss on probabilities: {@code q = p / sum(p)},
     * {@code loss_i = -sum_j t_j * log(clip(q_j, eps, 1 - eps))}, averaged. A clipped cell passes no gradient;
     * the division by the row sum sends {@code (dq_k - sum_j dq_j q_j) / sum(p)} to {@code p_k}.
     */
    static Float64Tensor[] categoricalCrossEntropy(Float64Tensor probabilities, Float64Tensor targets,
            double epsilon) {
        int n = probabilities.shape().dim(0);
        int classes = probabilities.shape().dim(1);
        double[] p = probabilities.values();
        double[] t = targets.values();
        double[] grad = new double[p.length];
        double total = 0.0;
        double[] dq = new double[classes];
        double[] q = new double[classes];
        for (int b = 0; b < n; b++) {
            int row = b * classes;
            double rowSum = 0.0;
            for (int j = 0; j < classes; j++) {
                rowSum += p[row + j];
            }
            double dot = 0.0;
            for (int j = 0; j < classes; j++) {
                q[j] = p[row + j] / rowSum;
                double clipped = Math.min(Math.max(q[j], epsilon), 1 - epsilon);
                total -= t[row + j] * Math.log(clipped);
                boolean passes = q[j] >= epsilon && q[j] <= 1 - epsilon;
                dq[j] = passes ? -t[row + j] / clipped / n : 0.0;
                dot += dq[j] * q[j];
            }
            for (int j = 0; j < classes; j++) {
                grad[row + j] = (dq[j] - dot) / rowSum;
            }
        }
        return new Float64Tensor[] {Float64Tensor.of(Shape.of(), new double[] {total / n}),
            Float64Tensor.of(probabilities.shape(), grad)};
    }

    /** Keras' SGD step, in place; {@code velocity} may be {@code null} when the momentum is 0. */
    static void applySgd(double[] w, double[] g, double[] velocity, SgdUpdate update) {
        double lr = update.learningRate();
        double momentum = update.momentum();
        double decay = update.weightDecay();
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * decay * w[i];
            if (momentum == 0) {
                w[i] -= lr * g[i];
            } else {
                velocity[i] = momentum * velocity[i] - lr * g[i];
                w[i] += update.nesterov() ? momentum * velocity[i] - lr * g[i] : velocity[i];
            }
        }
    }

    /** Keras' Adam step, in place. */
    static void applyAdam(double[] w, double[] g, double[] m, double[] v, AdamUpdate update) {
        double beta1 = update.beta1();
        double beta2 = update.beta2();
        double lr = update.learningRate();
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, update.step())) / (1 - Math.pow(beta1, update.step()));
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * update.weightDecay() * w[i];
            m[i] += (g[i] - m[i]) * (1 - beta1);
            v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
            w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + update.epsilon());
        }
    }
}
