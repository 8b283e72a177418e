package org.resnet4j.backend.tf;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.ArgumentErrors;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.DenseGradients;
import org.resnet4j.ops.ElementwiseShapes;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.GradientShapes;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.ops.LayoutShapes;
import org.resnet4j.ops.MatrixShapes;
import org.resnet4j.ops.NormalizationShapes;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.PoolingShapes;
import org.resnet4j.ops.SgdUpdate;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * ResNet4J's primitives written once against TensorFlow Java's op builder. Over an {@code EagerSession} every
 * call computes at once; over a {@code Graph} every call adds nodes, which {@link TfCompiledModel} runs later.
 * Arguments are checked and shapes computed in Java by the api's shape rules ({@link ConvolutionShapes}, ...), so
 * every error reads as on the other backends and a symbolic batch costs nothing.
 * Calls are serialised on this object: TensorFlow Java's op builders are not documented as thread-safe.
 *
 * <p>It implements the backward primitives ({@link GradientOps}) too, so models train on it: {@link TfGradients}
 * builds the raw backward ops, {@link TfUpdates} the in-place updates; both work eagerly and in a graph.
 */
final class TfOps implements Ops, GradientOps {
    private final org.tensorflow.op.Ops tf;
    private final boolean eager;
    private final TfConvolutionKernel convolutions;
    private final TfGradients backward;
    private final TfUpdates updates;

    /** Graph only: what a training trace makes of an upload (a constant, a placeholder, a variable); null: a constant. */
    private Function<HostTensor, TfTensor> uploads;

    TfOps(org.tensorflow.op.Ops tf, boolean eager) {
        this(tf, eager, TfConvolutionKernel.forThisMachine());
    }

    TfOps(org.tensorflow.op.Ops tf, boolean eager, TfConvolutionKernel convolutions) {
        this.tf = tf;
        this.eager = eager;
        this.convolutions = convolutions;
        this.backward = new TfGradients(tf, convolutions);
        this.updates = new TfUpdates(tf, eager);
    }

    /**
     * Graph only: every later {@link #upload} is answered by {@code rule} (a training trace turns dropout masks and
     * targets into placeholders and optimizer slots into variables); {@code null} restores constants.
     */
    synchronized void interceptUploads(Function<HostTensor, TfTensor> rule) {
        if (eager) {
            throw new IllegalStateException("interceptUploads is for graphs being traced");
        }
        uploads = rule;
    }

    /** The in-place updates, for {@link TfTrainingStep}. */
    TfUpdates updates() {
        return updates;
    }

    /** The op builder, for {@link TfTrainingStep}. */
    org.tensorflow.op.Ops builder() {
        return tf;
    }

    /** True when every op computes immediately, false when it adds to a graph. */
    public boolean isEager() {
        return eager;
    }

    @Override
    public synchronized Tensor upload(HostTensor host) {
        return uploads == null ? constantTensor(host) : uploads.apply(host);
    }

    /** {@code host} as a constant (eager: a value). */
    synchronized TfTensor constantTensor(HostTensor host) {
        return wrap(constant(host.shape(), host.data()), host.shape(), false);
    }

    /** Graph only: a tensor backed by the resource variable {@code handle} of {@code shape}, read now. */
    synchronized TfTensor variableTensor(Operand<? extends TType> handle, Shape shape) {
        TfTensor t = wrap(tf.readVariableOp(handle, TFloat32.class), shape, false);
        t.bindVariable(handle, t.operand());
        return t;
    }

    @Override
    public synchronized HostTensor download(Tensor tensor) {
        TfTensor t = own(tensor, "download");
        if (!eager) {
            throw new IllegalStateException("download needs an evaluated tensor; " + t
                    + " is a node of a graph being traced (run it through TfCompiledModel.predict)");
        }
        float[] data = new float[t.shape().size()];
        // The eager result's tensor is owned by its operation: read it, do not close it.
        TFloat32 value = t.operand().asTensor();
        value.copyTo(DataBuffers.of(data, false, false));
        return HostTensor.of(t.shape(), data);
    }

    @Override
    public synchronized Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options) {
        TfTensor x = own(input, "conv2d");
        TfTensor k = own(kernel, "conv2d");
        TfTensor b = bias == null ? null : own(bias, "conv2d");
        Shape out = ConvolutionShapes.conv2d(x.shape(), k.shape(), b == null ? null : b.shape(), options);
        Padding.Explicit p = ConvolutionShapes.padding(x.shape(), k.shape(), options);
        List<Long> strides = List.of(1L, (long) options.strideHeight(), (long) options.strideWidth(), 1L);
        String mode = "EXPLICIT";
        List<Long> explicitPaddings = null;
        if (options.padding() instanceof Padding.Same) {
            mode = "SAME";
        } else if (p.isZero()) {
            mode = "VALID";
        } else {
            explicitPaddings = List.of(0L, 0L, (long) p.top(), (long) p.bottom(), (long) p.left(), (long) p.right(),
                    0L, 0L);
        }
        if (b != null && !eager && convolutions.fusesBias()) {
            // Graph only: TensorFlow's eager runtime refuses _FusedConv2D ("Fusion is not implemented"), and an
            // eager convolution has run before a ReLU of it is asked for.
            TfFusedConvolution fused = new TfFusedConvolution(x.operand().asOutput(), k.operand().asOutput(),
                    b.operand().asOutput(), strides, mode, explicitPaddings);
            TfTensor y = wrap(fused.build(tf, false), out, x.hasSymbolicBatch());
            y.offerReluFusion(fused);
            return y;
        }
        Operand<TFloat32> y = convolutions.convolve(tf, x.operand(), k.operand(), strides, mode, explicitPaddings);
        if (b != null) {
            y = tf.nn.biasAdd(y, b.operand());
        }
        return wrap(y, out, x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance,
            float epsilon) {
        TfTensor x = own(input, "batchNorm");
        TfTensor g = own(gamma, "batchNorm");
        TfTensor b = own(beta, "batchNorm");
        TfTensor m = own(mean, "batchNorm");
        TfTensor v = own(variance, "batchNorm");
        NormalizationShapes.batchNorm(x.shape(), g.shape(), b.shape(), m.shape(), v.shape(), epsilon);
        Operand<TFloat32> y;
        if (x.shape().rank() == 4) {
            y = tf.nn.fusedBatchNorm(x.operand(), g.operand(), b.operand(), m.operand(), v.operand(),
                    FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(false)).y();
        } else {
            // FusedBatchNormV3 takes images only; other ranks use the formula, broadcasting over the last axis.
            Operand<TFloat32> scale = tf.math.mul(g.operand(),
                    tf.math.rsqrt(tf.math.add(v.operand(), tf.constant(epsilon))));
            y = tf.math.add(tf.math.mul(tf.math.sub(x.operand(), m.operand()), scale), b.operand());
        }
        return wrap(y, x.shape(), x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor relu(Tensor input) {
        TfTensor x = own(input, "relu");
        Shape out = ElementwiseShapes.relu(x.shape());
        TfFusedConvolution convolution = x.reluFusion();
        Operand<TFloat32> y = convolution == null ? tf.nn.relu(x.operand()) : convolution.build(tf, true);
        return wrap(y, out, x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor add(Tensor a, Tensor b) {
        TfTensor x = own(a, "add");
        TfTensor y = own(b, "add");
        Shape out = ElementwiseShapes.add(x.shape(), y.shape());
        return wrap(tf.math.add(x.operand(), y.operand()), out, x.hasSymbolicBatch() || y.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor maxPool(Tensor input, PoolOptions options) {
        TfTensor x = own(input, "maxPool");
        Shape out = PoolingShapes.maxPool(x.shape(), options);
        Padding.Explicit p = PoolingShapes.padding(x.shape(), options);
        Operand<TFloat32> source = x.operand();
        String mode = "VALID";
        if (options.padding() instanceof Padding.Same) {
            mode = "SAME"; // TensorFlow's SAME max pool never lets a padded cell win
        } else if (!p.isZero()) {
            source = pad(source, p, Float.NEGATIVE_INFINITY);
        }
        Operand<TFloat32> y = tf.nn.maxPool(source,
                tf.constant(new int[] {1, options.poolHeight(), options.poolWidth(), 1}),
                tf.constant(new int[] {1, options.strideHeight(), options.strideWidth(), 1}), mode);
        return wrap(y, out, x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor avgPool(Tensor input, PoolOptions options) {
        TfTensor x = own(input, "avgPool");
        Shape out = PoolingShapes.avgPool(x.shape(), options);
        Padding.Explicit p = PoolingShapes.padding(x.shape(), options);
        List<Long> ksize = List.of(1L, (long) options.poolHeight(), (long) options.poolWidth(), 1L);
        List<Long> strides = List.of(1L, (long) options.strideHeight(), (long) options.strideWidth(), 1L);
        Operand<TFloat32> y;
        if (options.padding() instanceof Padding.Same) {
            // TensorFlow's SAME average pool already divides by the number of cells inside the input.
            y = tf.nn.avgPool(x.operand(), ksize, strides, "SAME");
        } else if (p.isZero()) {
            y = tf.nn.avgPool(x.operand(), ksize, strides, "VALID");
        } else {
            // Explicit padding: average over the zero-padded input, then rescale each cell from the full window
            // to the count of real cells it covers.
            Operand<TFloat32> padded = pad(x.operand(), p, 0f);
            Operand<TFloat32> mean = tf.nn.avgPool(padded, ksize, strides, "VALID");
            y = tf.math.mul(mean, constant(Shape.of(1, out.dim(1), out.dim(2), 1),
                    countCorrection(x.shape(), options, p, out)));
        }
        return wrap(y, out, x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor globalAvgPool(Tensor input) {
        TfTensor x = own(input, "globalAvgPool");
        Shape out = PoolingShapes.globalAvgPool(x.shape());
        Operand<TFloat32> y = tf.math.mean(x.operand(), tf.constant(new int[] {1, 2}), Mean.keepDims(false));
        return wrap(y, out, x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        TfTensor x = own(input, "zeroPad");
        Shape out = LayoutShapes.zeroPad(x.shape(), padding);
        return wrap(pad(x.operand(), padding, 0f), out, x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor reshape(Tensor input, Shape shape) {
        TfTensor x = own(input, "reshape");
        LayoutShapes.reshape(x.shape(), shape);
        long[] dims = Arrays.stream(shape.toArray()).asLongStream().toArray();
        boolean symbolic = x.hasSymbolicBatch() && shape.rank() > 0 && shape.dim(0) == x.shape().dim(0);
        if (symbolic) {
            dims[0] = -1; // the batch stays whatever is fed when the graph runs
        }
        return wrap(tf.reshape(x.operand(), tf.constant(dims)), shape, symbolic);
    }

    @Override
    public synchronized Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        TfTensor x = own(input, "dense");
        TfTensor k = own(kernel, "dense");
        TfTensor b = bias == null ? null : own(bias, "dense");
        Shape out = MatrixShapes.dense(x.shape(), k.shape(), b == null ? null : b.shape());
        Operand<TFloat32> y = tf.linalg.matMul(x.operand(), k.operand());
        if (b != null) {
            y = tf.nn.biasAdd(y, b.operand());
        }
        return wrap(y, out, x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor softmax(Tensor input) {
        TfTensor x = own(input, "softmax");
        return wrap(tf.nn.softmax(x.operand()), MatrixShapes.softmax(x.shape()), x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor dropout(Tensor input, float rate) {
        TfTensor x = own(input, "dropout");
        return wrap(tf.identity(x.operand()), ElementwiseShapes.dropout(x.shape(), rate), x.hasSymbolicBatch());
    }

    @Override
    public synchronized Conv2dGradients conv2dBackward(Tensor outputGradient, Tensor input, Tensor kernel,
            Conv2dOptions options, boolean inputGradient) {
        TfTensor dy = own(outputGradient, "conv2dBackward");
        TfTensor x = own(input, "conv2dBackward");
        TfTensor k = own(kernel, "conv2dBackward");
        GradientShapes.conv2dBackward(dy.shape(), x.shape(), k.shape(), options);
        Padding.Explicit p = ConvolutionShapes.padding(x.shape(), k.shape(), options);
        Shape out = dy.shape();
        TfTensor dk = wrap(backward.conv2dKernel(dy.operand(), x.operand(), x.shape(), k.shape(), options, p, out),
                k.shape(), false);
        TfTensor dx = inputGradient ? wrap(backward.conv2dInput(dy.operand(), k.operand(), x.shape(), k.shape(),
                options, p), x.shape(), x.hasSymbolicBatch()) : null;
        return new Conv2dGradients(dx, dk);
    }

    @Override
    public synchronized Tensor biasBackward(Tensor outputGradient) {
        TfTensor dy = own(outputGradient, "biasBackward");
        Shape out = GradientShapes.biasBackward(dy.shape());
        return wrap(backward.bias(dy.operand(), dy.shape().rank()), out, false);
    }

    @Override
    public synchronized DenseGradients denseBackward(Tensor outputGradient, Tensor input, Tensor kernel) {
        TfTensor dy = own(outputGradient, "denseBackward");
        TfTensor x = own(input, "denseBackward");
        TfTensor k = own(kernel, "denseBackward");
        GradientShapes.denseBackward(dy.shape(), x.shape(), k.shape());
        return new DenseGradients(wrap(backward.denseInput(dy.operand(), k.operand()), x.shape(),
                x.hasSymbolicBatch()), wrap(backward.denseKernel(dy.operand(), x.operand()), k.shape(), false));
    }

    @Override
    public synchronized BatchNormTraining batchNormTraining(Tensor input, Tensor gamma, Tensor beta,
            Tensor movingMean, Tensor movingVariance, float epsilon, float momentum) {
        String op = "batchNormTraining";
        TfTensor x = own(input, op);
        TfTensor g = own(gamma, op);
        TfTensor b = own(beta, op);
        TfTensor mm = own(movingMean, op);
        TfTensor mv = own(movingVariance, op);
        GradientShapes.batchNormTraining(x.shape(), g.shape(), b.shape(), mm.shape(), mv.shape());
        Operand<TFloat32>[] r = backward.batchNormTraining(x.operand(), x.shape(), x.hasSymbolicBatch(),
                g.operand(), b.operand(), mm.operand(), mv.operand(), epsilon);
        // moving = moving * momentum + batch * (1 - momentum), Keras' update, with the biased variance
        Operand<TFloat32> keep = tf.constant(momentum);
        Operand<TFloat32> take = tf.constant((float) (1.0 - momentum));
        updates.assign(mm, tf.math.add(tf.math.mul(mm.operand(), keep), tf.math.mul(r[1], take)));
        updates.assign(mv, tf.math.add(tf.math.mul(mv.operand(), keep), tf.math.mul(r[2], take)));
        Shape channels = g.shape();
        return new BatchNormTraining(wrap(r[0], x.shape(), x.hasSymbolicBatch()), wrap(r[1], channels, false),
                wrap(r[2], channels, false));
    }

    @Override
    public synchronized BatchNormGradients batchNormBackward(Tensor outputGradient, Tensor input, Tensor gamma,
            Tensor batchMean, Tensor batchVariance, float epsilon) {
        String op = "batchNormBackward";
        TfTensor dy = own(outputGradient, op);
        TfTensor x = own(input, op);
        TfTensor g = own(gamma, op);
        TfTensor m = own(batchMean, op);
        TfTensor v = own(batchVariance, op);
        GradientShapes.batchNormBackward(dy.shape(), x.shape(), g.shape(), m.shape(), v.shape());
        Operand<TFloat32>[] r = backward.batchNormBackward(dy.operand(), x.operand(), x.shape(), g.operand(),
                m.operand(), v.operand(), epsilon);
        return new BatchNormGradients(wrap(r[0], x.shape(), x.hasSymbolicBatch()), wrap(r[1], g.shape(), false),
                wrap(r[2], g.shape(), false));
    }

    @Override
    public synchronized Tensor reluBackward(Tensor outputGradient, Tensor output) {
        TfTensor dy = own(outputGradient, "reluBackward");
        TfTensor y = own(output, "reluBackward");
        GradientShapes.sameShape("reluBackward", "output", y.shape(), "outputGradient", dy.shape());
        return wrap(backward.relu(dy.operand(), y.operand()), y.shape(), y.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor maxPoolBackward(Tensor outputGradient, Tensor input, PoolOptions options) {
        TfTensor dy = own(outputGradient, "maxPoolBackward");
        TfTensor x = own(input, "maxPoolBackward");
        GradientShapes.poolBackward("maxPoolBackward", dy.shape(), x.shape(), options);
        Padding.Explicit p = PoolingShapes.padding(x.shape(), options);
        return wrap(backward.maxPool(dy.operand(), x.operand(), x.shape(), options, p), x.shape(),
                x.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor avgPoolBackward(Tensor outputGradient, Shape inputShape, PoolOptions options) {
        TfTensor dy = own(outputGradient, "avgPoolBackward");
        GradientShapes.poolBackward("avgPoolBackward", dy.shape(), inputShape, options);
        Padding.Explicit p = PoolingShapes.padding(inputShape, options);
        Shape out = dy.shape();
        float[] correction = options.padding() instanceof Padding.Same || p.isZero() ? null
                : countCorrection(inputShape, options, p, out);
        return wrap(backward.avgPool(dy.operand(), dy.hasSymbolicBatch(), inputShape, options, p, correction, out),
                inputShape, dy.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor globalAvgPoolBackward(Tensor outputGradient, Shape inputShape) {
        TfTensor dy = own(outputGradient, "globalAvgPoolBackward");
        GradientShapes.globalAvgPoolBackward(dy.shape(), inputShape);
        return wrap(backward.globalAvgPool(dy.operand(), inputShape), inputShape, dy.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor zeroPadBackward(Tensor outputGradient, Padding.Explicit padding) {
        TfTensor dy = own(outputGradient, "zeroPadBackward");
        Shape in = GradientShapes.zeroPadBackward(dy.shape(), padding);
        return wrap(backward.zeroPad(dy.operand(), padding, in), in, dy.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor softmaxBackward(Tensor outputGradient, Tensor output) {
        TfTensor dy = own(outputGradient, "softmaxBackward");
        TfTensor y = own(output, "softmaxBackward");
        GradientShapes.softmaxBackward(dy.shape(), y.shape());
        return wrap(backward.softmax(dy.operand(), y.operand()), y.shape(), y.hasSymbolicBatch());
    }

    @Override
    public synchronized Tensor multiply(Tensor a, Tensor b) {
        TfTensor x = own(a, "multiply");
        TfTensor y = own(b, "multiply");
        GradientShapes.sameShape("multiply", "a", x.shape(), "b", y.shape());
        return wrap(backward.multiply(x.operand(), y.operand()), x.shape(),
                x.hasSymbolicBatch() || y.hasSymbolicBatch());
    }

    @Override
    public synchronized LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets) {
        TfTensor z = own(logits, "softmaxCrossEntropy");
        TfTensor t = own(targets, "softmaxCrossEntropy");
        GradientShapes.crossEntropy("softmaxCrossEntropy", "logits", z.shape(), t.shape());
        boolean symbolic = z.hasSymbolicBatch() || t.hasSymbolicBatch();
        Operand<TFloat32>[] r = backward.softmaxCrossEntropy(z.operand(), t.operand(), z.shape().dim(0), symbolic);
        return new LossAndGradient(wrap(r[0], Shape.of(), false), wrap(r[1], z.shape(), symbolic));
    }

    @Override
    public synchronized LossAndGradient categoricalCrossEntropy(Tensor probabilities, Tensor targets,
            float epsilon) {
        TfTensor p = own(probabilities, "categoricalCrossEntropy");
        TfTensor t = own(targets, "categoricalCrossEntropy");
        GradientShapes.crossEntropy("categoricalCrossEntropy", "probabilities", p.shape(), t.shape());
        boolean symbolic = p.hasSymbolicBatch() || t.hasSymbolicBatch();
        Operand<TFloat32>[] r = backward.categoricalCrossEntropy(p.operand(), t.operand(), epsilon,
                p.shape().dim(0), symbolic);
        return new LossAndGradient(wrap(r[0], Shape.of(), false), wrap(r[1], p.shape(), symbolic));
    }

    @Override
    public synchronized void applySgd(Tensor parameter, Tensor gradient, Tensor velocity, SgdUpdate update) {
        TfTensor w = own(parameter, "applySgd");
        TfTensor g = own(gradient, "applySgd");
        TfTensor v = null;
        if (update.momentum() == 0f) {
            GradientShapes.optimizerUpdate("applySgd", w.shape(), g.shape());
        } else {
            if (velocity == null) {
                throw new IllegalArgumentException("applySgd expects a velocity tensor with momentum "
                        + update.momentum() + ". Received: null");
            }
            v = own(velocity, "applySgd");
            GradientShapes.optimizerUpdate("applySgd", w.shape(), g.shape(), v.shape());
        }
        updates.applySgd(w, g.operand(), v, update);
    }

    @Override
    public synchronized void applyAdam(Tensor parameter, Tensor gradient, Tensor momentum, Tensor velocity,
            AdamUpdate update) {
        TfTensor w = own(parameter, "applyAdam");
        TfTensor g = own(gradient, "applyAdam");
        TfTensor m = own(momentum, "applyAdam");
        TfTensor v = own(velocity, "applyAdam");
        GradientShapes.optimizerUpdate("applyAdam", w.shape(), g.shape(), m.shape(), v.shape());
        updates.applyAdam(w, g.operand(), m, v, update);
    }

    /** Frees the eager resource variable behind a closed tensor (see {@link TfUpdates}). */
    synchronized void releaseVariable(Operand<? extends TType> handle) {
        updates.release(handle);
    }

    /** A graph placeholder of exactly {@code shape} (a training step's fixed batch). */
    synchronized TfTensor placeholder(String name, Shape shape, boolean symbolicBatch) {
        long[] dims = Arrays.stream(shape.toArray()).asLongStream().toArray();
        Operand<TFloat32> ph = tf.withName(name).placeholder(TFloat32.class,
                org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(dims)));
        return new TfTensor(this, ph, shape, symbolicBatch);
    }

    /** A graph placeholder for a batch of samples of {@code sampleShape}; the batch is fed at run time. */
    synchronized TfTensor placeholder(String name, Shape sampleShape) {
        long[] dims = new long[sampleShape.rank() + 1];
        dims[0] = -1;
        for (int i = 0; i < sampleShape.rank(); i++) {
            dims[i + 1] = sampleShape.dim(i);
        }
        Operand<TFloat32> ph = tf.withName(name).placeholder(TFloat32.class,
                org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(dims)));
        return new TfTensor(this, ph, sampleShape.withBatch(1), true);
    }

    private Operand<TFloat32> constant(Shape shape, float[] data) {
        long[] dims = Arrays.stream(shape.toArray()).asLongStream().toArray();
        try (TFloat32 value = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(dims),
                DataBuffers.of(data, true, false))) {
            return tf.constantOf(value);
        }
    }

    private Operand<TFloat32> pad(Operand<TFloat32> x, Padding.Explicit p, float value) {
        int[][] amounts = {{0, 0}, {p.top(), p.bottom()}, {p.left(), p.right()}, {0, 0}};
        return tf.pad(x, tf.constant(amounts), tf.constant(value));
    }

    private TfTensor wrap(Operand<TFloat32> operand, Shape shape, boolean symbolicBatch) {
        return new TfTensor(this, operand, shape, symbolicBatch);
    }

    /** The tensor as this op builder's own; one from another session or graph cannot be wired into it. */
    private TfTensor own(Tensor t, String op) {
        if (t instanceof TfTensor tt && tt.owner() == this) {
            return tt;
        }
        throw ArgumentErrors.foreignTensor(op, eager ? "this tf backend" : "this tf graph", t);
    }

    /** For each output cell: window area divided by the number of window cells inside the input. */
    private static float[] countCorrection(Shape in, PoolOptions o, Padding.Explicit padding, Shape out) {
        int oh = out.dim(1);
        int ow = out.dim(2);
        float[] factors = new float[oh * ow];
        float area = (float) o.poolHeight() * o.poolWidth();
        for (int i = 0; i < oh; i++) {
            int rows = cellsInside(i * o.strideHeight() - padding.top(), o.poolHeight(), in.dim(1));
            for (int j = 0; j < ow; j++) {
                int cols = cellsInside(j * o.strideWidth() - padding.left(), o.poolWidth(), in.dim(2));
                int count = rows * cols;
                factors[i * ow + j] = count == 0 ? 0f : area / count;
            }
        }
        return factors;
    }

    private static int cellsInside(int start, int length, int size) {
        return Math.max(0, Math.min(start + length, size) - Math.max(start, 0));
    }
}
