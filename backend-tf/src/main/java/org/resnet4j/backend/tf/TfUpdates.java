package org.resnet4j.backend.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.resnet4j.ops.AdamUpdate;
import org.resnet4j.ops.SgdUpdate;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.DestroyResourceOp;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.op.train.ResourceApplyKerasMomentum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * In-place updates on TensorFlow: the moving statistics of batch normalisation and the optimizer steps, with
 * TensorFlow's fused ops ({@code ResourceApplyAdam}, {@code ResourceApplyKerasMomentum},
 * {@code ResourceApplyGradientDescent}) on resource variables.
 *
 * <p>How a {@link TfTensor} is updated "in place": the handle stays the caller's and its operand is rebound to the
 * updated value. A tensor backed by a resource variable is written through its handle and rebound to a read that
 * runs after the write. An eager tensor that is not one yet becomes one on its first optimizer step (a variable
 * initialised with its value), so later steps write it without a copy; in a graph, a plain value is copied into a
 * scratch variable in the same run (a graph that must keep its parameters across runs declares them as
 * variables). A moving statistic that is a plain value is simply rebound to its new value.
 */
final class TfUpdates {
    private static final AtomicLong NAMES = new AtomicLong();

    private final org.tensorflow.op.Ops tf;
    private final boolean eager;
    /** Graph only: what initialises the variables {@link #newVariable} declared, run once. */
    private final List<Op> initializers = new ArrayList<>();
    /** Graph only: every write to a variable, the targets a training step runs. */
    private final List<Op> writes = new ArrayList<>();
    /** Graph only: what every optimizer write runs after (the loss, so that every read of a parameter is done). */
    private Op barrier;
    /** Graph only: the optimizer's per-step scalars, fed on each run, instead of the constants of the trace. */
    private TfOptimizerFeeds feeds;

    TfUpdates(org.tensorflow.op.Ops tf, boolean eager) {
        this.tf = tf;
        this.eager = eager;
    }

    /** A resource variable of {@code shape}, initialised to {@code initial} by {@link #initializers()}. */
    Operand<? extends TType> newVariable(org.resnet4j.tensor.Shape shape, Operand<TFloat32> initial) {
        long[] dims = java.util.Arrays.stream(shape.toArray()).asLongStream().toArray();
        VarHandleOp handle = tf.varHandleOp(TFloat32.class, Shape.of(dims),
                VarHandleOp.sharedName("resnet4j_variable_" + NAMES.incrementAndGet()));
        initializers.add(tf.assignVariableOp(handle, initial));
        return handle;
    }

    List<Op> initializers() {
        return List.copyOf(initializers);
    }

    List<Op> writes() {
        return List.copyOf(writes);
    }

    /**
     * Makes every later optimizer step run after {@code op} and take its learning rate, weight decay and Adam's
     * step-dependent scalars from {@code fed} (a graph replayed step after step).
     */
    void stepAfter(Op op, TfOptimizerFeeds fed) {
        this.barrier = op;
        this.feeds = fed;
    }

    /** Makes {@code target} hold {@code value}. */
    void assign(TfTensor target, Operand<TFloat32> value) {
        Operand<? extends TType> handle = target.variable();
        if (handle == null) {
            target.rebind(value);
            return;
        }
        Op write = tf.assignVariableOp(handle, value);
        writes.add(write);
        target.rebind(readAfter(handle, write));
    }

    /** Keras' SGD step: {@code ResourceApplyGradientDescent}, or {@code ResourceApplyKerasMomentum}. */
    void applySgd(TfTensor parameter, Operand<TFloat32> gradient, TfTensor velocity, SgdUpdate u) {
        List<Op> before = new ArrayList<>();
        Operand<? extends TType> w = handle(parameter, before);
        Operand<? extends TType> v = velocity == null || u.momentum() == 0 ? null : handle(velocity, before);
        decay(w, u.learningRate(), u.weightDecay(), before);
        org.tensorflow.op.Ops scoped = after(before);
        Operand<TFloat32> lr = feeds == null ? scoped.constant(u.learningRate()) : feeds.learningRate();
        Op step;
        if (v == null) {
            step = scoped.train.resourceApplyGradientDescent(w, lr, gradient);
        } else {
            step = scoped.train.resourceApplyKerasMomentum(w, v, lr, gradient, scoped.constant(u.momentum()),
                    ResourceApplyKerasMomentum.useNesterov(u.nesterov()));
            velocity.rebind(readAfter(v, step));
        }
        writes.add(step);
        parameter.rebind(readAfter(w, step));
    }

    /**
     * Keras' Adam step: {@code ResourceApplyAdam}, whose update is Keras' form exactly
     * ({@code lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon)}, epsilon outside the
     * bias-corrected root).
     */
    void applyAdam(TfTensor parameter, Operand<TFloat32> gradient, TfTensor momentum, TfTensor velocity,
            AdamUpdate u) {
        List<Op> before = new ArrayList<>();
        Operand<? extends TType> w = handle(parameter, before);
        Operand<? extends TType> m = handle(momentum, before);
        Operand<? extends TType> v = handle(velocity, before);
        decay(w, u.learningRate(), u.weightDecay(), before);
        org.tensorflow.op.Ops scoped = after(before);
        Op step;
        if (feeds == null) {
            step = scoped.train.resourceApplyAdam(w, m, v, scoped.constant((float) Math.pow(u.beta1(), u.step())),
                    scoped.constant((float) Math.pow(u.beta2(), u.step())), scoped.constant(u.learningRate()),
                    scoped.constant(u.beta1()), scoped.constant(u.beta2()), scoped.constant(u.epsilon()), gradient);
        } else { // a graph replayed step after step: the step-dependent scalars are fed
            step = scoped.train.resourceApplyAdam(w, m, v, feeds.beta1Power(), feeds.beta2Power(),
                    feeds.learningRate(), scoped.constant(u.beta1()), scoped.constant(u.beta2()), feeds.epsilon(),
                    gradient);
        }
        writes.add(step);
        parameter.rebind(readAfter(w, step));
        momentum.rebind(readAfter(m, step));
        velocity.rebind(readAfter(v, step));
    }

    /** Frees an eager resource variable; a graph's variables live as long as its session. */
    void release(Operand<? extends TType> handle) {
        if (eager) {
            tf.destroyResourceOp(handle, DestroyResourceOp.ignoreLookupError(true));
        }
    }

    /** Decoupled weight decay, {@code w -= lr * decay * w}, before the step. */
    private void decay(Operand<? extends TType> w, float learningRate, float weightDecay, List<Op> before) {
        if (weightDecay == 0f) {
            return;
        }
        org.tensorflow.op.Ops scoped = after(before);
        Operand<TFloat32> current = scoped.readVariableOp(w, TFloat32.class);
        Operand<TFloat32> rate = feeds == null ? scoped.constant((float) ((double) learningRate * weightDecay))
                : feeds.decayRate();
        Op write = scoped.assignSubVariableOp(w, scoped.math.mul(current, rate));
        writes.add(write);
        before.add(write);
    }

    /**
     * The resource variable {@code target} is written through; a tensor that is not one is copied into a new
     * variable first (the copy joins {@code before}, which the update runs after).
     */
    private Operand<? extends TType> handle(TfTensor target, List<Op> before) {
        Operand<? extends TType> existing = target.variable();
        if (existing != null) {
            return existing;
        }
        long[] dims = java.util.Arrays.stream(target.shape().toArray()).asLongStream().toArray();
        VarHandleOp handle = tf.varHandleOp(TFloat32.class, Shape.of(dims),
                VarHandleOp.sharedName("resnet4j_update_" + NAMES.incrementAndGet()));
        Op copy = tf.assignVariableOp(handle, target.operand());
        writes.add(copy);
        before.add(copy);
        if (eager) {
            target.bindVariable(handle, tf.readVariableOp(handle, TFloat32.class));
        }
        return handle;
    }

    /** A read of {@code handle} that a graph runs after {@code write}. */
    private Operand<TFloat32> readAfter(Operand<? extends TType> handle, Op write) {
        return after(List.of(write)).readVariableOp(handle, TFloat32.class);
    }

    /** The op builder whose ops a graph runs after {@code ops}; eager ops already ran in order. */
    private org.tensorflow.op.Ops after(List<Op> ops) {
        if (eager) {
            return tf;
        }
        List<Op> all = new ArrayList<>(ops);
        if (barrier != null) {
            all.add(barrier);
        }
        return all.isEmpty() ? tf : tf.withControlDependencies(all);
    }
}
