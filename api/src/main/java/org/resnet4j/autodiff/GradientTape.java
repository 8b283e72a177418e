package org.resnet4j.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.resnet4j.ops.BatchNormGradients;
import org.resnet4j.ops.BatchNormTraining;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.DenseGradients;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.LossAndGradient;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.TrainingModeOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A reverse-mode tape over a backend's {@link Ops} and {@link GradientOps}: it is itself an {@code Ops}, so a model
 * runs on it unchanged ({@code model.forward(tape, weights, inputs)}), each op computing on the backend and recording
 * what its backward step needs. {@link #gradient} then walks the records in reverse, from a scalar loss recorded on
 * the tape, and sums the gradients that reach each tensor (a residual Add sends its gradient down both branches).
 *
 * <p>The tape runs layers in training mode ({@link TrainingModeOps}): BatchNormalization normalises with the batch
 * statistics and updates its moving statistics in place; Dropout drops, drawing its masks from the tape's seed in
 * the order the layers run. Tensors the backward pass needs stay alive until the tape is closed, even when the
 * forward pass closes them; everything else is released as soon as its user closes it.
 *
 * <pre>{@code
 * try (GradientTape tape = GradientTape.on(ops)) {
 *     Tensor logits = model.forward(tape, weights, List.of(images)).get(0);
 *     Tensor loss = SparseCategoricalCrossentropy.fromLogits().compute(tape, logits, labels);
 *     Map<String, Tensor> gradients = tape.gradient(loss, trainableWeights);
 * }
 * }</pre>
 */
public final class GradientTape implements TrainingModeOps, AutoCloseable {
    /** The dropout seed of {@link #on(Ops)}. */
    public static final long DEFAULT_DROPOUT_SEED = 42L;

    private final Ops ops;
    private final GradientOps gradients;
    private final Random dropoutRandom;
    private final List<TapeRecord> records = new ArrayList<>();
    private final List<TapeTensor> produced = new ArrayList<>();
    private final List<Tensor> owned = new ArrayList<>();
    private Tensor seed;
    private boolean closed;

    private GradientTape(Ops ops, GradientOps gradients, long dropoutSeed) {
        if (ops == null || gradients == null) {
            throw new IllegalArgumentException("GradientTape expects ops and gradient ops. Received: " + ops + ", "
                    + gradients);
        }
        this.ops = ops;
        this.gradients = gradients;
        this.dropoutRandom = new Random(dropoutSeed);
    }

    /**
     * A tape on {@code ops}, which must implement {@link GradientOps} too; otherwise a
     * {@link org.resnet4j.ops.TrainingNotSupportedException} says training is not supported.
     */
    public static GradientTape on(Ops ops) {
        return new GradientTape(ops, GradientOps.require(ops), DEFAULT_DROPOUT_SEED);
    }

    /** A tape that runs forward ops on {@code ops} and backward primitives on {@code gradients}. */
    public static GradientTape on(Ops ops, GradientOps gradients) {
        return new GradientTape(ops, gradients, DEFAULT_DROPOUT_SEED);
    }

    /** As {@link #on(Ops, GradientOps)}, with the seed dropout masks are drawn from. */
    public static GradientTape on(Ops ops, GradientOps gradients, long dropoutSeed) {
        return new GradientTape(ops, gradients, dropoutSeed);
    }

    /**
     * The gradient of {@code loss} with respect to each of {@code sources} (by name): tensors the forward pass read,
     * usually the trainable weights. A source the loss does not depend on gets zeros. Each returned tensor is a new
     * handle the caller closes. May be called more than once until the tape is closed.
     *
     * @throws IllegalArgumentException when {@code loss} was not recorded on this tape, is not a scalar, or depends
     *                                  on none of the sources (the forward pass ran on other ops)
     */
    public Map<String, Tensor> gradient(Tensor loss, Map<String, Tensor> sources) {
        requireOpen();
        TapeTensor root = recordedLoss(loss);
        int last = indexOf(root);
        Set<Tensor> dependent = Collections.newSetFromMap(new IdentityHashMap<>());
        dependent.addAll(sources.values());
        for (int i = 0; i <= last; i++) {
            TapeRecord r = records.get(i);
            if (r.inputs().stream().anyMatch(dependent::contains)) {
                dependent.add(r.output());
            }
        }
        if (!dependent.contains(root)) {
            List<String> names = new ArrayList<>(sources.keySet());
            throw new IllegalArgumentException("GradientTape.gradient expects a loss that depends on the sources."
                    + " Received: a loss that depends on none of the " + names.size() + " sources "
                    + names.subList(0, Math.min(3, names.size())) + (names.size() > 3 ? "..." : "")
                    + "; was the forward pass run on the tape (model.forward(tape, weights, inputs))?");
        }
        try (GradientAccumulator accumulator = new GradientAccumulator(ops)) {
            seed = ops.upload(HostTensor.of(Shape.of(), new float[] {1f}));
            accumulator.add(root, seed);
            for (int i = last; i >= 0; i--) {
                TapeRecord r = records.get(i);
                if (!dependent.contains(r.output())) {
                    continue;
                }
                Tensor outputGradient = accumulator.take(r.output());
                if (outputGradient == null) {
                    continue; // the loss does not depend on this op's output
                }
                boolean[] needed = new boolean[r.inputs().size()];
                for (int j = 0; j < needed.length; j++) {
                    needed[j] = dependent.contains(r.inputs().get(j));
                }
                Tensor[] inputGradients = r.backward().apply(outputGradient, needed);
                for (int j = 0; j < inputGradients.length; j++) {
                    Tensor g = inputGradients[j];
                    if (g != null && needed[j]) {
                        accumulator.add(r.inputs().get(j), g);
                    } else if (g != null && g != outputGradient) {
                        g.close();
                    }
                }
                accumulator.release(outputGradient);
            }
            return collect(accumulator, sources);
        } finally {
            seed = null;
        }
    }

    private Map<String, Tensor> collect(GradientAccumulator accumulator, Map<String, Tensor> sources) {
        Map<String, Tensor> result = new LinkedHashMap<>();
        Map<Tensor, Tensor> bySource = new IdentityHashMap<>();
        for (Map.Entry<String, Tensor> source : sources.entrySet()) {
            Tensor already = bySource.get(source.getValue());
            if (already != null) { // one tensor under two names: each name gets a handle of its own
                result.put(source.getKey(), ops.reshape(already, already.shape()));
                continue;
            }
            Tensor g = accumulator.take(source.getValue());
            if (g == null) {
                result.put(source.getKey(), ops.upload(HostTensor.zeros(source.getValue().shape())));
            } else if (accumulator.heldElsewhere(g)) {
                result.put(source.getKey(), ops.reshape(g, g.shape())); // a handle of its own for the caller
                accumulator.release(g);
            } else {
                accumulator.handOver(g);
                result.put(source.getKey(), g);
            }
            bySource.put(source.getValue(), result.get(source.getKey()));
        }
        return result;
    }

    private TapeTensor recordedLoss(Tensor loss) {
        if (!(loss instanceof TapeTensor t) || t.tape() != this) {
            throw new IllegalArgumentException("GradientTape.gradient expects a loss recorded on this tape. Received: "
                    + (loss instanceof TapeTensor ? "a tensor of another tape" : String.valueOf(loss))
                    + "; compute the model's output and the loss on the tape");
        }
        if (t.shape().rank() != 0) {
            throw new IllegalArgumentException("GradientTape.gradient expects a scalar loss (shape []). Received: shape="
                    + t.shape());
        }
        return t;
    }

    private int indexOf(TapeTensor output) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).output() == output) {
                return i;
            }
        }
        throw new IllegalStateException("GradientTape: no record produced " + output);
    }

    /**
     * Softmax cross-entropy from logits against target distributions, averaged over the batch (see
     * {@link GradientOps#softmaxCrossEntropy}); the losses in {@code org.resnet4j.training} call this.
     *
     * @param targets a backend tensor {@code [n, classes]}, not differentiated
     * @return the scalar loss, recorded
     */
    public Tensor softmaxCrossEntropy(Tensor logits, Tensor targets) {
        LossAndGradient r = gradients.softmaxCrossEntropy(raw(logits), raw(targets));
        return recordLoss("softmaxCrossEntropy", r, logits);
    }

    /** Keras' categorical cross-entropy on probabilities (see {@link GradientOps#categoricalCrossEntropy}). */
    public Tensor categoricalCrossEntropy(Tensor probabilities, Tensor targets, float epsilon) {
        LossAndGradient r = gradients.categoricalCrossEntropy(raw(probabilities), raw(targets), epsilon);
        return recordLoss("categoricalCrossEntropy", r, probabilities);
    }

    private Tensor recordLoss(String op, LossAndGradient r, Tensor predictions) {
        Tensor gradient = own(r.gradient());
        return record(op, r.loss(), (dy, needed) -> {
            if (dy != seed) {
                throw new UnsupportedOperationException("GradientTape: " + op + " must be the loss gradient() starts"
                        + " from (or a sum of such losses); scaling a loss by other ops is not supported");
            }
            return new Tensor[] {ops.reshape(gradient, gradient.shape())};
        }, predictions);
    }

    /**
     * Uploads {@code host} as a constant that the tape owns and closes with itself: labels, targets, masks (values
     * a symbolic backend must still hold when the recorded graph runs).
     */
    public Tensor constant(HostTensor host) {
        requireOpen();
        return own(ops.upload(host));
    }

    /**
     * Uploads {@code host} as a tape tensor that depends on no source. A layer may upload a constant, use it and close
     * it at once (the option A shortcut's kernel); when an op recorded here read it, the backward pass still needs it,
     * so closing it then only marks it, and the tape releases it with itself.
     */
    @Override
    public Tensor upload(HostTensor host) {
        requireOpen();
        TapeTensor constant = new TapeTensor(this, ops.upload(host), "upload");
        produced.add(constant);
        return constant;
    }

    @Override
    public HostTensor download(Tensor tensor) {
        return ops.download(raw(tensor));
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options) {
        Tensor x = saved(input);
        Tensor k = saved(kernel);
        return recordWithKernel("conv2d", ops.conv2d(x, k, raw(bias), options), (dy, inputNeeded) -> {
            Conv2dGradients g = gradients.conv2dBackward(dy, x, k, options, inputNeeded);
            return new Tensor[] {g.input(), g.kernel()};
        }, input, kernel, bias);
    }

    @Override
    public Tensor batchNormTraining(Tensor input, Tensor gamma, Tensor beta, Tensor movingMean,
            Tensor movingVariance, float epsilon, float momentum) {
        Tensor x = saved(input);
        Tensor g = saved(gamma);
        BatchNormTraining r = gradients.batchNormTraining(x, g, raw(beta), raw(movingMean), raw(movingVariance),
                epsilon, momentum);
        Tensor mean = own(r.mean());
        Tensor variance = own(r.variance());
        return record("batchNormTraining", r.output(), (dy, needed) -> {
            BatchNormGradients d = gradients.batchNormBackward(dy, x, g, mean, variance, epsilon);
            return new Tensor[] {d.input(), d.gamma(), d.beta()};
        }, input, gamma, beta);
    }

    /**
     * Batch normalisation on the moving statistics (a frozen layer): differentiable with respect to the input,
     * gamma and beta, with the statistics held constant.
     */
    @Override
    public Tensor batchNorm(Tensor input, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, float epsilon) {
        Tensor x = saved(input);
        Tensor g = saved(gamma);
        Tensor m = saved(mean);
        Tensor v = saved(variance);
        return record("batchNorm", ops.batchNorm(x, g, raw(beta), m, v, epsilon), (dy, needed) -> {
            Shape channels = g.shape();
            try (Tensor zeros = ops.upload(HostTensor.zeros(channels));
                    Tensor ones = ops.upload(HostTensor.filled(channels, 1f))) {
                // dx = gamma * dy / sqrt(v + eps): the same op on dy with a zero mean and offset.
                Tensor dx = needed[0] ? ops.batchNorm(dy, g, zeros, zeros, v, epsilon) : null;
                Tensor dgamma = null;
                if (needed[1]) {
                    try (Tensor normalised = ops.batchNorm(x, ones, zeros, m, v, epsilon);
                            Tensor product = gradients.multiply(dy, normalised)) {
                        dgamma = gradients.biasBackward(product);
                    }
                }
                Tensor dbeta = needed[2] ? gradients.biasBackward(dy) : null;
                return new Tensor[] {dx, dgamma, dbeta};
            }
        }, input, gamma, beta);
    }

    @Override
    public Tensor relu(Tensor input) {
        Tensor y = ops.relu(raw(input));
        return keepOutput(record("relu", y, (dy, needed) -> new Tensor[] {gradients.reluBackward(dy, y)}, input));
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return record("add", ops.add(raw(a), raw(b)), (dy, needed) -> new Tensor[] {dy, dy}, a, b);
    }

    @Override
    public Tensor maxPool(Tensor input, PoolOptions options) {
        Tensor x = saved(input);
        return record("maxPool", ops.maxPool(x, options),
                (dy, needed) -> new Tensor[] {gradients.maxPoolBackward(dy, x, options)}, input);
    }

    @Override
    public Tensor avgPool(Tensor input, PoolOptions options) {
        Shape shape = input.shape();
        return record("avgPool", ops.avgPool(raw(input), options),
                (dy, needed) -> new Tensor[] {gradients.avgPoolBackward(dy, shape, options)}, input);
    }

    @Override
    public Tensor globalAvgPool(Tensor input) {
        Shape shape = input.shape();
        return record("globalAvgPool", ops.globalAvgPool(raw(input)),
                (dy, needed) -> new Tensor[] {gradients.globalAvgPoolBackward(dy, shape)}, input);
    }

    @Override
    public Tensor zeroPad(Tensor input, Padding.Explicit padding) {
        return record("zeroPad", ops.zeroPad(raw(input), padding),
                (dy, needed) -> new Tensor[] {gradients.zeroPadBackward(dy, padding)}, input);
    }

    @Override
    public Tensor reshape(Tensor input, Shape shape) {
        Shape original = input.shape();
        return record("reshape", ops.reshape(raw(input), shape),
                (dy, needed) -> new Tensor[] {ops.reshape(dy, original)}, input);
    }

    @Override
    public Tensor dense(Tensor input, Tensor kernel, Tensor bias) {
        Tensor x = saved(input);
        Tensor k = saved(kernel);
        return recordWithKernel("dense", ops.dense(x, k, raw(bias)), (dy, inputNeeded) -> {
            DenseGradients g = gradients.denseBackward(dy, x, k);
            return new Tensor[] {g.input(), g.kernel()};
        }, input, kernel, bias);
    }

    @Override
    public Tensor softmax(Tensor input) {
        Tensor y = ops.softmax(raw(input));
        return keepOutput(record("softmax", y, (dy, needed) -> new Tensor[] {gradients.softmaxBackward(dy, y)},
                input));
    }

    /** Dropout at inference: the identity, which passes the gradient through. */
    @Override
    public Tensor dropout(Tensor input, float rate) {
        return record("dropout", ops.dropout(raw(input), rate), (dy, needed) -> new Tensor[] {dy}, input);
    }

    /**
     * Keras' inverted dropout: keeps each value with probability {@code 1 - rate} (a uniform draw of at least
     * {@code rate}, as Keras draws it) and divides the kept ones by {@code 1 - rate}. The mask is drawn on the JVM
     * from the tape's seed, so every backend drops the same values.
     */
    @Override
    public Tensor dropoutTraining(Tensor input, float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("Dropout expects a rate in [0, 1) while training. Received: " + rate);
        }
        if (rate == 0f) {
            return dropout(input, rate);
        }
        float[] mask = new float[input.shape().size()];
        float kept = 1f / (1f - rate);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = dropoutRandom.nextFloat() >= rate ? kept : 0f;
        }
        Tensor m = own(ops.upload(HostTensor.of(input.shape(), mask)));
        return record("dropoutTraining", gradients.multiply(raw(input), m),
                (dy, needed) -> new Tensor[] {gradients.multiply(dy, m)}, input);
    }

    /** Releases every tensor the tape kept for the backward pass; tensors it produced become unusable. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (TapeTensor t : produced) {
            t.value().close();
        }
        owned.forEach(Tensor::close);
        produced.clear();
        owned.clear();
        records.clear();
    }

    private Tensor record(String op, Tensor value, Backward backward, Tensor... inputs) {
        requireOpen();
        TapeTensor out = new TapeTensor(this, value, op);
        produced.add(out);
        records.add(new TapeRecord(op, out, Collections.unmodifiableList(Arrays.asList(inputs)), backward));
        return out;
    }

    /**
     * Records an op of an input, a kernel and an optional bias (conv2d, dense): {@code inputAndKernel} gives the input
     * and kernel gradients, called only when one of them is needed; the bias gradient is the output gradient summed
     * over every axis but the last.
     */
    private Tensor recordWithKernel(String op, Tensor value, KernelBackward inputAndKernel, Tensor input,
            Tensor kernel, Tensor bias) {
        return record(op, value, (dy, needed) -> {
            Tensor[] inputAndKernelGradients = needed[0] || needed[1]
                    ? inputAndKernel.gradients(dy, needed[0]) : new Tensor[2];
            Tensor db = bias != null && needed[2] ? gradients.biasBackward(dy) : null;
            return new Tensor[] {inputAndKernelGradients[0], inputAndKernelGradients[1], db};
        }, input, kernel, bias);
    }

    /** The input and kernel gradients of a kernel op, the input's only when {@code inputNeeded}. */
    @FunctionalInterface
    private interface KernelBackward {
        Tensor[] gradients(Tensor outputGradient, boolean inputNeeded);
    }

    /** Marks an op's output as read by its own backward step (ReLU and softmax differentiate from their output). */
    private static Tensor keepOutput(Tensor output) {
        ((TapeTensor) output).save();
        return output;
    }

    private Tensor own(Tensor t) {
        owned.add(t);
        return t;
    }

    /** The backend tensor behind {@code t}, kept alive for the backward pass. */
    private Tensor saved(Tensor t) {
        return t instanceof TapeTensor tt ? check(tt).save() : t;
    }

    /** The backend tensor behind {@code t} ({@code null} stays {@code null}). */
    private Tensor raw(Tensor t) {
        return t instanceof TapeTensor tt ? check(tt).value() : t;
    }

    private TapeTensor check(TapeTensor t) {
        if (t.tape() != this) {
            throw new IllegalArgumentException("GradientTape expects tensors of this tape or of its backend. Received: "
                    + t + ", recorded on another tape");
        }
        return t;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("GradientTape is closed");
        }
    }

    @Override
    public String toString() {
        return "GradientTape(" + ops + ", " + gradients + ")";
    }
}
