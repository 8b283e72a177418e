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

    TfUpdates(org.tensorflow.op.Ops tf, boolean eager) {
        this.tf = tf;
        this.eager = eager;
    }

    /** Makes {@code target} hold {@code value}. */
    void assign(TfTensor target, Operand<TFloat32> value) {
        Operand<? extends TType> handle = target.variable();
        if (handle == null) {
            target.rebind(value);
            return;
        }
        Op write = tf.assignVariableOp(handle, value);
        target.rebind(readAfter(handle, write));
    }

    /** Keras' SGD step: {@code ResourceApplyGradientDescent}, or {@code ResourceApplyKerasMomentum}. */
    void applySgd(TfTensor parameter, Operand<TFloat32> gradient, TfTensor velocity, SgdUpdate u) {
        List<Op> before = new ArrayList<>();
        Operand<? extends TType> w = handle(parameter, before);
        Operand<? extends TType> v = velocity == null || u.momentum() == 0 ? null : handle(velocity, before);
        decay(w, u.learningRate(), u.weightDecay(), before);
        org.tensorflow.op.Ops scoped = after(before);
        Operand<TFloat32> lr = scoped.constant(u.learningRate());
        Op step;
        if (v == null) {
            step = scoped.train.resourceApplyGradientDescent(w, lr, gradient);
        } else {
            step = scoped.train.resourceApplyKerasMomentum(w, v, lr, gradient, scoped.constant(u.momentum()),
                    ResourceApplyKerasMomentum.useNesterov(u.nesterov()));
            velocity.rebind(readAfter(v, step));
        }
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
        float beta1Power = (float) Math.pow(u.beta1(), u.step());
        float beta2Power = (float) Math.pow(u.beta2(), u.step());
        Op step = scoped.train.resourceApplyAdam(w, m, v, scoped.constant(beta1Power), scoped.constant(beta2Power),
                scoped.constant(u.learningRate()), scoped.constant(u.beta1()), scoped.constant(u.beta2()),
                scoped.constant(u.epsilon()), gradient);
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
        before.add(scoped.assignSubVariableOp(w, scoped.math.mul(current,
                scoped.constant((float) ((double) learningRate * weightDecay)))));
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
        before.add(tf.assignVariableOp(handle, target.operand()));
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
        return eager || ops.isEmpty() ? tf : tf.withControlDependencies(ops);
    }
}
