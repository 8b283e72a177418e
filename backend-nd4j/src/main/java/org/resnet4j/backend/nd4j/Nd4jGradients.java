package org.resnet4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.DenseGradients;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.GradientShapes;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.PoolingShapes;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The backward primitives ({@link GradientOps}) on libnd4j's own ops, in NHWC and HWIO like {@link Nd4jOps}:
 * {@code conv2d_bp}, {@code batchnorm_bp}, {@code maxpool2d_bp}, {@code avgpool2d_bp}, {@code relu_bp},
 * {@code moments}, {@code batchnorm} and {@code adam_updater}, called directly (no DL4J layers, no SameDiff), and in-place BLAS
 * arithmetic where a closed form is shorter than an op (softmax backward, the losses, SGD). Arguments are checked
 * by the api's {@link GradientShapes} first, so every error reads as on the other backends. Padding libnd4j cannot
 * express (unequal amounts on two sides of an axis) is materialised as in the forward ops, and the padded part of
 * the input gradient is cropped afterwards.
 */
class Nd4jGradients extends Nd4jKernels implements GradientOps {
    /** Backward primitives whose results come from {@code pool} when it is not {@code null}. */
    Nd4jGradients(Nd4jArrayPool pool) {
        super(pool);
    }

    @Override
    public Conv2dGradients conv2dBackward(Tensor outputGradient, Tensor input, Tensor kernel, Conv2dOptions options,
            boolean inputGradient) {
        String op = "conv2dBackward";
        INDArray dy = array(outputGradient, op);
        INDArray x = array(input, op);
        INDArray w = array(kernel, op);
        GradientShapes.conv2dBackward(outputGradient.shape(), input.shape(), kernel.shape(), options);
        Padding.Explicit p = ConvolutionShapes.padding(input.shape(), kernel.shape(), options);
        boolean symmetric = symmetric(p);
        INDArray source = symmetric ? x : pad(x, p, 0f);
        // conv2d_bp always computes the input gradient; when it is not wanted it is a temporary.
        INDArray dx = allocate(source.shape());
        INDArray dw = allocate(w.shape());
        try {
            Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
                    .addInputs(source, w, dy)
                    .addOutputs(dx, dw)
                    .addIntegerArguments(convArguments(w, options, symmetric ? p.top() : 0, symmetric ? p.left() : 0))
                    .build());
        } finally {
            if (!symmetric) {
                release(source);
            }
        }
        if (!inputGradient) {
            release(dx);
            return new Conv2dGradients(null, new Nd4jTensor(dw));
        }
        return new Conv2dGradients(new Nd4jTensor(symmetric ? dx : cropAndRelease(dx, p)), new Nd4jTensor(dw));
    }

    @Override
    public Tensor biasBackward(Tensor outputGradient) {
        INDArray dy = array(outputGradient, "biasBackward");
        Shape bias = GradientShapes.biasBackward(outputGradient.shape());
        return new Nd4jTensor(dy.sum(allocate(bias.dim(0)), allButLast(dy.rank())));
    }

    @Override
    public DenseGradients denseBackward(Tensor outputGradient, Tensor input, Tensor kernel) {
        INDArray dy = array(outputGradient, "denseBackward");
        INDArray x = array(input, "denseBackward");
        INDArray w = array(kernel, "denseBackward");
        GradientShapes.denseBackward(outputGradient.shape(), input.shape(), kernel.shape());
        INDArray dx = dy.mmul(w.transpose(), allocate(x.shape()));
        INDArray dw = x.transpose().mmul(dy, allocate(w.shape()));
        return new DenseGradients(new Nd4jTensor(dx), new Nd4jTensor(dw));
    }

    @Override
    public BatchNormTraining batchNormTraining(Tensor input, Tensor gamma, Tensor beta, Tensor movingMean,
            Tensor movingVariance, float epsilon, float momentum) {
        String op = "batchNormTraining";
        INDArray x = array(input, op);
        INDArray g = array(gamma, op);
        INDArray b = array(beta, op);
        INDArray mm = array(movingMean, op);
        INDArray mv = array(movingVariance, op);
        GradientShapes.batchNormTraining(input.shape(), gamma.shape(), beta.shape(), movingMean.shape(),
                movingVariance.shape());
        long c = x.size(x.rank() - 1);
        INDArray mean = allocate(c);
        INDArray variance = allocate(c);
        // moments: the batch mean and the biased variance over every axis but the channels
        Nd4j.exec(DynamicCustomOp.builder("moments").addInputs(x).addOutputs(mean, variance)
                .addIntegerArguments(allButLast(x.rank())).build());
        INDArray out = batchNorm(x, mean, variance, g, b, epsilon);
        moveTowards(mm, mean, momentum);
        moveTowards(mv, variance, momentum);
        return new BatchNormTraining(new Nd4jTensor(out), new Nd4jTensor(mean), new Nd4jTensor(variance));
    }

    /** {@code moving = moving * momentum + batch * (1 - momentum)}, in place. */
    private static void moveTowards(INDArray moving, INDArray batch, float momentum) {
        moving.muli(momentum);
        Nd4j.getBlasWrapper().level1().axpy(moving.length(), 1.0 - momentum, batch, moving);
    }

    @Override
    public BatchNormGradients batchNormBackward(Tensor outputGradient, Tensor input, Tensor gamma, Tensor batchMean,
            Tensor batchVariance, float epsilon) {
        String op = "batchNormBackward";
        INDArray dy = array(outputGradient, op);
        INDArray x = array(input, op);
        INDArray g = array(gamma, op);
        INDArray mean = array(batchMean, op);
        INDArray variance = array(batchVariance, op);
        GradientShapes.batchNormBackward(outputGradient.shape(), input.shape(), gamma.shape(), batchMean.shape(),
                batchVariance.shape());
        long c = x.size(x.rank() - 1);
        INDArray dx = allocate(x.shape());
        INDArray dGamma = allocate(c);
        INDArray dMean = allocate(c);
        INDArray dVariance = allocate(c);
        try {
            // batchnorm_bp differentiates through the batch statistics (they are the input's); without beta as an
            // input (applyOffset 0) it returns no beta gradient, which is the bias gradient below.
            Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp")
                    .addInputs(x, mean, variance, g, dy)
                    .addOutputs(dx, dMean, dVariance, dGamma)
                    .addIntegerArguments(1, 0, x.rank() - 1)
                    .addFloatingPointArguments((double) epsilon)
                    .build());
        } finally {
            release(dMean);
            release(dVariance);
        }
        INDArray dBeta = dy.sum(allocate(c), allButLast(dy.rank()));
        return new BatchNormGradients(new Nd4jTensor(dx), new Nd4jTensor(dGamma), new Nd4jTensor(dBeta));
    }

    @Override
    public Tensor reluBackward(Tensor outputGradient, Tensor output) {
        INDArray dy = array(outputGradient, "reluBackward");
        INDArray y = array(output, "reluBackward");
        GradientShapes.sameShape("reluBackward", "output", output.shape(), "outputGradient",
                outputGradient.shape());
        INDArray dx = allocate(y.shape());
        // relu_bp reads the forward input; the output is positive exactly where the input is.
        Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(y, dy).addOutputs(dx)
                .addFloatingPointArguments(0.0).build());
        return new Nd4jTensor(dx);
    }

    @Override
    public Tensor maxPoolBackward(Tensor outputGradient, Tensor input, PoolOptions options) {
        INDArray dy = array(outputGradient, "maxPoolBackward");
        INDArray x = array(input, "maxPoolBackward");
        GradientShapes.poolBackward("maxPoolBackward", outputGradient.shape(), input.shape(), options);
        Padding.Explicit p = PoolingShapes.padding(input.shape(), options);
        return new Nd4jTensor(poolBackward("maxpool2d_bp", x, dy, options, p, Float.NEGATIVE_INFINITY));
    }

    @Override
    public Tensor avgPoolBackward(Tensor outputGradient, Shape inputShape, PoolOptions options) {
        INDArray dy = array(outputGradient, "avgPoolBackward");
        GradientShapes.poolBackward("avgPoolBackward", outputGradient.shape(), inputShape, options);
        Padding.Explicit p = PoolingShapes.padding(inputShape, options);
        // avgpool2d_bp reads only the input's shape; zeros keep the array defined.
        INDArray shapeOnly = allocate(dims(inputShape)).assign(0f);
        try {
            if (symmetric(p)) {
                return new Nd4jTensor(poolBackward("avgpool2d_bp", shapeOnly, dy, options, p, 0f));
            }
            // Unequal padding (as the forward op): a VALID pool over the zero-padded input divided by the fraction
            // of real cells in each window; so each window's gradient is scaled by 1 / fraction, then spread.
            PoolOptions valid = new PoolOptions(options.poolHeight(), options.poolWidth(), options.strideHeight(),
                    options.strideWidth(), Padding.VALID);
            INDArray fractions = realCellFractions(inputShape.dim(1), inputShape.dim(2), inputShape.dim(3), p, options,
                    dy.size(1), dy.size(2));
            INDArray scaled = allocate(dy.shape()).assign(dy);
            INDArray padded = pad(shapeOnly, p, 0f);
            try {
                divideEachSample(scaled, fractions);
                INDArray paddedGradient =
                        poolBackward("avgpool2d_bp", padded, scaled, valid, Padding.explicit(0, 0, 0, 0), 0f);
                return new Nd4jTensor(cropAndRelease(paddedGradient, p));
            } finally {
                release(fractions);
                release(scaled);
                release(padded);
            }
        } finally {
            release(shapeOnly);
        }
    }

    @Override
    public Tensor globalAvgPoolBackward(Tensor outputGradient, Shape inputShape) {
        INDArray dy = array(outputGradient, "globalAvgPoolBackward");
        GradientShapes.globalAvgPoolBackward(outputGradient.shape(), inputShape);
        long n = inputShape.dim(0);
        long cells = (long) inputShape.dim(1) * inputShape.dim(2);
        long c = inputShape.dim(3);
        INDArray dx = allocate(dims(inputShape));
        // Every cell of a channel gets 1 / (h * w) of its gradient: row i of [n, h*w, c] is dy / cells.
        INDArray perCell = dy.div(cells);
        INDArray spread = perCell.reshape('c', n, 1, c).broadcast(n, cells, c);
        try {
            dx.reshape('c', n, cells, c).assign(spread);
        } finally {
            perCell.close();
            spread.close();
        }
        return new Nd4jTensor(dx);
    }

    @Override
    public Tensor zeroPadBackward(Tensor outputGradient, Padding.Explicit padding) {
        INDArray dy = array(outputGradient, "zeroPadBackward");
        GradientShapes.zeroPadBackward(outputGradient.shape(), padding);
        return new Nd4jTensor(crop(dy, padding));
    }

    @Override
    public Tensor softmaxBackward(Tensor outputGradient, Tensor output) {
        INDArray dy = array(outputGradient, "softmaxBackward");
        INDArray y = array(output, "softmaxBackward");
        GradientShapes.softmaxBackward(outputGradient.shape(), output.shape());
        // y * (dy - sum(dy * y)) per row: softmax_bp would need the logits, which the tape does not keep.
        INDArray dz = allocate(y.shape()).assign(dy).muli(y);
        INDArray rowSums = dz.sum(true, 1);
        try {
            dz.assign(dy).subiColumnVector(rowSums).muli(y);
        } finally {
            rowSums.close();
        }
        return new Nd4jTensor(dz);
    }

    @Override
    public Tensor multiply(Tensor a, Tensor b) {
        INDArray x = array(a, "multiply");
        INDArray y = array(b, "multiply");
        GradientShapes.sameShape("multiply", "a", a.shape(), "b", b.shape());
        return new Nd4jTensor(x.mul(y, allocate(x.shape())));
    }

    @Override
    public LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets) {
        INDArray z = array(logits, "softmaxCrossEntropy");
        INDArray t = array(targets, "softmaxCrossEntropy");
        GradientShapes.crossEntropy("softmaxCrossEntropy", "logits", logits.shape(), targets.shape());
        long n = z.size(0);
        // log-softmax as z - max - log(sum(exp(z - max))) per row: finite for logits near +-1000, where libnd4j's
        // log_softmax (the log of its softmax) gives log(0) = -infinity, and 0 * -infinity a NaN loss.
        INDArray logSoftmax = allocate(z.shape()).assign(z);
        INDArray rowMax = z.max(true, 1);
        logSoftmax.subiColumnVector(rowMax);
        INDArray exps = Transforms.exp(logSoftmax, true);
        INDArray logSums = Transforms.log(exps.sum(true, 1), false);
        logSoftmax.subiColumnVector(logSums);
        double loss = -dotAndClose(t.mul(logSoftmax)) / n;
        for (INDArray temporary : new INDArray[] {rowMax, exps, logSums}) {
            temporary.close();
        }
        // d/dz = (softmax(z) * sum(t) - t) / n per row, for targets that are any non-negative rows
        INDArray targetSums = t.sum(true, 1);
        INDArray gradient = Transforms.exp(logSoftmax, false).muliColumnVector(targetSums).subi(t).divi(n);
        targetSums.close();
        return new LossAndGradient(new Nd4jTensor(Nd4j.scalar(DataType.FLOAT, loss)), new Nd4jTensor(gradient));
    }

    @Override
    public LossAndGradient categoricalCrossEntropy(Tensor probabilities, Tensor targets, float epsilon) {
        INDArray p = array(probabilities, "categoricalCrossEntropy");
        INDArray t = array(targets, "categoricalCrossEntropy");
        GradientShapes.crossEntropy("categoricalCrossEntropy", "probabilities", probabilities.shape(),
                targets.shape());
        long n = p.size(0);
        INDArray rowSums = p.sum(true, 1);
        INDArray q = p.divColumnVector(rowSums);
        INDArray clipped = Transforms.min(Transforms.max(q, epsilon, true), 1.0 - epsilon, false);
        INDArray logs = Transforms.log(clipped, true);
        double loss = -dotAndClose(t.mul(logs)) / n;
        // Keras' loss: q = p / sum(p), clipped; clipped cells pass no gradient, and the division by the row sum
        // sends (dq_k - sum_j dq_j q_j) / sum(p) to p_k.
        INDArray above = q.gte(epsilon);
        INDArray below = q.lte(1.0 - epsilon);
        INDArray passes = above.castTo(DataType.FLOAT);
        INDArray passesBelow = below.castTo(DataType.FLOAT);
        passes.muli(passesBelow);
        INDArray dq = t.div(clipped).negi().divi(n).muli(passes);
        INDArray products = dq.mul(q);
        INDArray dot = products.sum(true, 1);
        INDArray gradient = allocate(p.shape()).assign(dq).subiColumnVector(dot).diviColumnVector(rowSums);
        for (INDArray temporary : new INDArray[] {rowSums, q, clipped, logs, above, below, passes, passesBelow, dq,
            products, dot}) {
            temporary.close();
        }
        return new LossAndGradient(new Nd4jTensor(Nd4j.scalar(DataType.FLOAT, loss)), new Nd4jTensor(gradient));
    }

    @Override
    public void applySgd(Tensor parameter, Tensor gradient, Tensor velocity, SgdUpdate update) {
        INDArray w = array(parameter, "applySgd");
        INDArray g = array(gradient, "applySgd");
        INDArray v = update.momentum() == 0 ? null : array(velocity, "applySgd");
        if (v == null) {
            GradientShapes.optimizerUpdate("applySgd", parameter.shape(), gradient.shape());
        } else {
            GradientShapes.optimizerUpdate("applySgd", parameter.shape(), gradient.shape(), velocity.shape());
        }
        // Keras' form with in-place BLAS (axpy): libnd4j's nesterovs_updater keeps DL4J's velocity convention and
        // returns the step in a new array.
        decay(w, update.learningRate(), update.weightDecay());
        float lr = update.learningRate();
        long length = w.length();
        if (v == null) {
            Nd4j.getBlasWrapper().level1().axpy(length, -lr, g, w);
            return;
        }
        float momentum = update.momentum();
        v.muli(momentum);
        Nd4j.getBlasWrapper().level1().axpy(length, -lr, g, v);
        if (update.nesterov()) {
            Nd4j.getBlasWrapper().level1().axpy(length, momentum, v, w);
            Nd4j.getBlasWrapper().level1().axpy(length, -lr, g, w);
        } else {
            Nd4j.getBlasWrapper().level1().axpy(length, 1.0, v, w);
        }
    }

    @Override
    public void applyAdam(Tensor parameter, Tensor gradient, Tensor momentum, Tensor velocity, AdamUpdate update) {
        INDArray w = array(parameter, "applyAdam");
        INDArray g = array(gradient, "applyAdam");
        INDArray m = array(momentum, "applyAdam");
        INDArray v = array(velocity, "applyAdam");
        GradientShapes.optimizerUpdate("applyAdam", parameter.shape(), gradient.shape(), momentum.shape(),
                velocity.shape());
        decay(w, update.learningRate(), update.weightDecay());
        INDArray step = allocate(w.shape());
        try {
            // adam_updater is Keras' form: lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps), t = iteration + 1;
            // its states are updated in place (outputs = inputs) and the step comes back to be subtracted.
            Nd4j.exec(DynamicCustomOp.builder("adam_updater")
                    .addInputs(g, v, m)
                    .addOutputs(step, v, m)
                    .addFloatingPointArguments((double) update.learningRate(), (double) update.beta1(),
                            (double) update.beta2(), (double) update.epsilon())
                    .addIntegerArguments(Math.toIntExact(update.step() - 1))
                    .build());
            w.subi(step);
        } finally {
            release(step);
        }
    }

    /** The sum of a temporary's values, which is then freed. */
    private static double dotAndClose(INDArray temporary) {
        try {
            return temporary.sumNumber().doubleValue();
        } finally {
            temporary.close();
        }
    }

    /** Decoupled weight decay, {@code w -= lr * decay * w}, in place. */
    private static void decay(INDArray w, float learningRate, float weightDecay) {
        if (weightDecay != 0) {
            w.muli(1.0 - (double) learningRate * weightDecay);
        }
    }

    /** A pooling backward op over {@code x} (padded first when the padding is unequal) and {@code dy}. */
    private INDArray poolBackward(String opName, INDArray x, INDArray dy, PoolOptions options, Padding.Explicit p,
            float padValue) {
        boolean symmetric = symmetric(p);
        INDArray source = symmetric ? x : pad(x, p, padValue);
        INDArray dx = allocate(source.shape());
        try {
            Nd4j.exec(DynamicCustomOp.builder(opName).addInputs(source, dy).addOutputs(dx)
                    .addIntegerArguments(poolArguments(options, symmetric ? p.top() : 0, symmetric ? p.left() : 0))
                    .build());
        } finally {
            if (!symmetric) {
                release(source);
            }
        }
        return symmetric ? dx : cropAndRelease(dx, p);
    }

    /** The inner part of a padded gradient, copied into a new array. */
    private INDArray crop(INDArray padded, Padding.Explicit p) {
        long h = padded.size(1) - p.top() - p.bottom();
        long w = padded.size(2) - p.left() - p.right();
        INDArray out = allocate(padded.size(0), h, w, padded.size(3));
        out.assign(padded.get(NDArrayIndex.all(), NDArrayIndex.interval(p.top(), p.top() + h),
                NDArrayIndex.interval(p.left(), p.left() + w), NDArrayIndex.all()));
        return out;
    }

    /** {@link #crop}, then {@code padded} (a temporary) is released. */
    private INDArray cropAndRelease(INDArray padded, Padding.Explicit p) {
        try {
            return crop(padded, p);
        } finally {
            release(padded);
        }
    }

    private static int[] allButLast(int rank) {
        int[] axes = new int[rank - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }

    private static long[] dims(Shape shape) {
        long[] dims = new long[shape.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.dim(i);
        }
        return dims;
    }
}
