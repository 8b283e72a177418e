package org.resnet4j.tck;

import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.DenseGradients;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.GradientShapes;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The reference forward ops and backward primitives on {@link Float64Tensor}s: what finite differences and the
 * PyTorch float64 goldens run on, so that float32 rounding does not hide a wrong derivative. {@code upload} widens
 * float32 exactly; {@code download} rounds to float32 (read {@link Float64Tensor#values()} for every digit).
 */
public final class Float64Ops implements Ops, GradientOps {

    @Override
    public Tensor upload(HostTensor host) {
        return Float64Tensor.from(host);
    }

    @Override
    public HostTensor download(Tensor tensor) {
        return f64(tensor, "download", "tensor").toHost();
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options) {
        Float64Tensor x = f64(input, "conv2d", "input");
        Float64Tensor k = f64(kernel, "conv2d", "kernel");
        if (x.shape().rank() != 4 || k.shape().rank() != 4 || k.shape().dim(2) != x.shape().dim(3)) {
            throw new IllegalArgumentException("conv2d expects input [n, h, w, cin] and kernel [kh, kw, cin, cout]."
                    + " Received: input shape=" + x.shape() + ", kernel shape=" + k.shape());
        }
        Float64Tensor b = bias == null ? null : vector(bias, "conv2d", "bias", k.shape().dim(3));
        return ForwardLoops.conv2d(x, k, b, options);
    }

    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        Float64Tensor x = f64(input, "batchNorm", "input");
        int c = x.shape().dim(-1);
        return ForwardLoops.batchNorm(x, vector(gamma, "batchNorm", "gamma", c), vector(beta, "batchNorm", "beta", c),
                vector(mean, "batchNorm", "mean", c), vector(variance, "batchNorm", "variance", c), epsilon);
    }

    @Override
    public Tensor relu(Tensor input) {
        return ForwardLoops.relu(f64(input, "relu", "input"));
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        Float64Tensor x = f64(a, "add", "a");
        Float64Tensor y = f64(b, "add", "b");
        GradientShapes.sameShape("add", "a", x.shape(), "b", y.shape());
        return ForwardLoops.add(x, y);
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        return ForwardLoops.pool(image(input, "maxPool"), options, true);
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        return ForwardLoops.pool(image(input, "avgPool"), options, false);
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        return ForwardLoops.globalAvgPool(image(input, "globalAvgPool"));
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        return ForwardLoops.zeroPad(image(input, "zeroPad"), padding);
    }

    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        Float64Tensor x = f64(input, "reshape", "input");
        if (x.shape().sizeAsLong() != shape.sizeAsLong()) {
            throw new IllegalArgumentException("reshape expects a shape with " + x.shape().sizeAsLong()
                    + " elements like the input " + x.shape() + ". Received: " + shape);
        }
        return Float64Tensor.of(shape, x.values().clone());
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        Float64Tensor x = f64(input, "dense", "input");
        Float64Tensor k = f64(kernel, "dense", "kernel");
        if (x.shape().rank() != 2 || k.shape().rank() != 2 || k.shape().dim(0) != x.shape().dim(1)) {
            throw new IllegalArgumentException("dense expects input [n, in] and kernel [in, out]. Received: input"
                    + " shape=" + x.shape() + ", kernel shape=" + k.shape());
        }
        Float64Tensor b = bias == null ? null : vector(bias, "dense", "bias", k.shape().dim(1));
        return ForwardLoops.dense(x, k, b);
    }

    @Override
    public Tensor softmax(Tensor input) {
        Float64Tensor x = f64(input, "softmax", "input");
        if (x.shape().rank() != 2) {
            throw new IllegalArgumentException("softmax expects input of rank 2 [n, classes]. Received: shape="
                    + x.shape());
        }
        return ForwardLoops.softmax(x);
    }

    /** Inference: the identity (training dropout is the tape's, through {@link #multiply}). */
    @Override
    public Tensor dropout(Tensor input, float rate) {
        return f64(input, "dropout", "input").copy();
    }

    @Override
    public Conv2dGradients conv2dBackward(Tensor outputGradient, Tensor input, Tensor kernel, Conv2dOptions options,
            boolean inputGradient) {
        Float64Tensor dy = f64(outputGradient, "conv2dBackward", "outputGradient");
        Float64Tensor x = f64(input, "conv2dBackward", "input");
        Float64Tensor k = f64(kernel, "conv2dBackward", "kernel");
        GradientShapes.conv2dBackward(dy.shape(), x.shape(), k.shape(), options);
        Float64Tensor dx = inputGradient ? GradientLoops.conv2dBackwardInput(dy, x.shape(), k, options) : null;
        return new Conv2dGradients(dx, GradientLoops.conv2dBackwardKernel(dy, x, k.shape(), options));
    }

    @Override
    public Tensor biasBackward(Tensor outputGradient) {
        Float64Tensor dy = f64(outputGradient, "biasBackward", "outputGradient");
        GradientShapes.biasBackward(dy.shape());
        return GradientLoops.biasBackward(dy);
    }

    @Override
    public DenseGradients denseBackward(Tensor outputGradient, Tensor input, Tensor kernel) {
        Float64Tensor dy = f64(outputGradient, "denseBackward", "outputGradient");
        Float64Tensor x = f64(input, "denseBackward", "input");
        Float64Tensor k = f64(kernel, "denseBackward", "kernel");
        GradientShapes.denseBackward(dy.shape(), x.shape(), k.shape());
        return new DenseGradients(GradientLoops.denseBackwardInput(dy, k), GradientLoops.denseBackwardKernel(dy, x));
    }

    @Override
    public BatchNormTraining batchNormTraining(Tensor input, Tensor gamma, Tensor beta, Tensor movingMean,
            Tensor movingVariance, float epsilon, float momentum) {
        String op = "batchNormTraining";
        Float64Tensor x = f64(input, op, "input");
        Float64Tensor g = f64(gamma, op, "gamma");
        Float64Tensor b = f64(beta, op, "beta");
        Float64Tensor mm = f64(movingMean, op, "movingMean");
        Float64Tensor mv = f64(movingVariance, op, "movingVariance");
        GradientShapes.batchNormTraining(x.shape(), g.shape(), b.shape(), mm.shape(), mv.shape());
        Float64Tensor[] r = GradientLoops.batchNormTraining(x, g, b, mm, mv, epsilon, momentum);
        return new BatchNormTraining(r[0], r[1], r[2]);
    }

    @Override
    public BatchNormGradients batchNormBackward(Tensor outputGradient, Tensor input, Tensor gamma, Tensor batchMean,
            Tensor batchVariance, float epsilon) {
        String op = "batchNormBackward";
        Float64Tensor dy = f64(outputGradient, op, "outputGradient");
        Float64Tensor x = f64(input, op, "input");
        Float64Tensor g = f64(gamma, op, "gamma");
        Float64Tensor mean = f64(batchMean, op, "batchMean");
        Float64Tensor variance = f64(batchVariance, op, "batchVariance");
        GradientShapes.batchNormBackward(dy.shape(), x.shape(), g.shape(), mean.shape(), variance.shape());
        Float64Tensor[] r = GradientLoops.batchNormBackward(dy, x, g, mean, variance, epsilon);
        return new BatchNormGradients(r[0], r[1], r[2]);
    }

    @Override
    public Tensor reluBackward(Tensor outputGradient, Tensor output) {
        Float64Tensor dy = f64(outputGradient, "reluBackward", "outputGradient");
        Float64Tensor y = f64(output, "reluBackward", "output");
        GradientShapes.sameShape("reluBackward", "output", y.shape(), "outputGradient", dy.shape());
        return GradientLoops.reluBackward(dy, y);
    }

    @Override
    public Tensor maxPoolBackward(Tensor outputGradient, Tensor input, PoolOptions options) {
        Float64Tensor dy = f64(outputGradient, "maxPoolBackward", "outputGradient");
        Float64Tensor x = f64(input, "maxPoolBackward", "input");
        GradientShapes.poolBackward("maxPoolBackward", dy.shape(), x.shape(), options);
        return GradientLoops.maxPoolBackward(dy, x, options);
    }

    @Override
    public Tensor avgPoolBackward(Tensor outputGradient, Shape inputShape, PoolOptions options) {
        Float64Tensor dy = f64(outputGradient, "avgPoolBackward", "outputGradient");
        GradientShapes.poolBackward("avgPoolBackward", dy.shape(), inputShape, options);
        return GradientLoops.avgPoolBackward(dy, inputShape, options);
    }

    @Override
    public Tensor globalAvgPoolBackward(Tensor outputGradient, Shape inputShape) {
        Float64Tensor dy = f64(outputGradient, "globalAvgPoolBackward", "outputGradient");
        GradientShapes.globalAvgPoolBackward(dy.shape(), inputShape);
        return GradientLoops.globalAvgPoolBackward(dy, inputShape);
    }

    @Override
    public Tensor zeroPadBackward(Tensor outputGradient, Padding.Explicit padding) {
        Float64Tensor dy = f64(outputGradient, "zeroPadBackward", "outputGradient");
        Shape inputShape = GradientShapes.zeroPadBackward(dy.shape(), padding);
        return GradientLoops.zeroPadBackward(dy, padding, inputShape);
    }

    @Override
    public Tensor softmaxBackward(Tensor outputGradient, Tensor output) {
        Float64Tensor dy = f64(outputGradient, "softmaxBackward", "outputGradient");
        Float64Tensor y = f64(output, "softmaxBackward", "output");
        GradientShapes.softmaxBackward(dy.shape(), y.shape());
        return GradientLoops.softmaxBackward(dy, y);
    }

    @Override
    public Tensor multiply(Tensor a, Tensor b) {
        Float64Tensor x = f64(a, "multiply", "a");
        Float64Tensor y = f64(b, "multiply", "b");
        GradientShapes.sameShape("multiply", "a", x.shape(), "b", y.shape());
        return GradientLoops.multiply(x, y);
    }

    @Override
    public LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets) {
        Float64Tensor z = f64(logits, "softmaxCrossEntropy", "logits");
        Float64Tensor t = f64(targets, "softmaxCrossEntropy", "targets");
        GradientShapes.crossEntropy("softmaxCrossEntropy", "logits", z.shape(), t.shape());
        Float64Tensor[] r = GradientLoops.softmaxCrossEntropy(z, t);
        return new LossAndGradient(r[0], r[1]);
    }

    @Override
    public LossAndGradient categoricalCrossEntropy(Tensor probabilities, Tensor targets, float epsilon) {
        Float64Tensor p = f64(probabilities, "categoricalCrossEntropy", "probabilities");
        Float64Tensor t = f64(targets, "categoricalCrossEntropy", "targets");
        GradientShapes.crossEntropy("categoricalCrossEntropy", "probabilities", p.shape(), t.shape());
        Float64Tensor[] r = GradientLoops.categoricalCrossEntropy(p, t, epsilon);
        return new LossAndGradient(r[0], r[1]);
    }

    @Override
    public void applySgd(Tensor parameter, Tensor gradient, Tensor velocity, SgdUpdate update) {
        Float64Tensor w = f64(parameter, "applySgd", "parameter");
        Float64Tensor g = f64(gradient, "applySgd", "gradient");
        if (update.momentum() == 0) {
            GradientShapes.optimizerUpdate("applySgd", w.shape(), g.shape());
            GradientLoops.applySgd(w.values(), g.values(), null, update);
            return;
        }
        Float64Tensor v = f64(velocity, "applySgd", "velocity");
        GradientShapes.optimizerUpdate("applySgd", w.shape(), g.shape(), v.shape());
        GradientLoops.applySgd(w.values(), g.values(), v.values(), update);
    }

    @Override
    public void applyAdam(Tensor parameter, Tensor gradient, Tensor momentum, Tensor velocity, AdamUpdate update) {
        Float64Tensor w = f64(parameter, "applyAdam", "parameter");
        Float64Tensor g = f64(gradient, "applyAdam", "gradient");
        Float64Tensor m = f64(momentum, "applyAdam", "momentum");
        Float64Tensor v = f64(velocity, "applyAdam", "velocity");
        GradientShapes.optimizerUpdate("applyAdam", w.shape(), g.shape(), m.shape(), v.shape());
        GradientLoops.applyAdam(w.values(), g.values(), m.values(), v.values(), update);
    }

    private static Float64Tensor image(Tensor t, String op) {
        Float64Tensor x = f64(t, op, "input");
        if (x.shape().rank() != 4) {
            throw new IllegalArgumentException(op + " expects input of rank 4 [n, h, w, c]. Received: shape="
                    + x.shape());
        }
        return x;
    }

    private static Float64Tensor vector(Tensor t, String op, String argument, int length) {
        Float64Tensor v = f64(t, op, argument);
        if (!v.shape().equals(Shape.of(length))) {
            throw new IllegalArgumentException(op + " expects " + argument + " of shape " + Shape.of(length)
                    + ". Received: shape=" + v.shape());
        }
        return v;
    }

    private static Float64Tensor f64(Tensor t, String op, String argument) {
        if (t == null) {
            throw new IllegalArgumentException(op + " expects a tensor for " + argument + ". Received: null");
        }
        if (!(t instanceof Float64Tensor f)) {
            throw new IllegalArgumentException(op + " on Float64Ops expects a Float64Tensor for " + argument
                    + ". Received: " + t.getClass().getName());
        }
        return f;
    }

    @Override
    public String toString() {
        return "Float64Ops";
    }
}
