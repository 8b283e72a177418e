package org.resnet4j.plan;

/**
 * What a {@link PlanStep} computes: one value per {@link org.resnet4j.ops.Ops} primitive that does arithmetic.
 * {@code reshape} and {@code dropout} (the identity at inference) compute nothing and are not steps: a reshaped
 * value is the same value read with another shape ({@link PlanOperand#shape()}).
 */
public enum OpKind {
    /** {@code Ops.conv2d}: input; weights kernel and bias (the bias may be absent). */
    CONV2D,
    /** {@code Ops.dense}: input; weights kernel and bias (the bias may be absent). */
    DENSE,
    /** {@code Ops.batchNorm}: input; weights gamma, beta, moving mean, moving variance. */
    BATCH_NORM,
    /** {@code Ops.relu}: input. */
    RELU,
    /** {@code Ops.add}: two inputs. */
    ADD,
    /** {@code Ops.maxPool}: input. */
    MAX_POOL,
    /** {@code Ops.avgPool}: input. */
    AVG_POOL,
    /** {@code Ops.globalAvgPool}: input. */
    GLOBAL_AVG_POOL,
    /** {@code Ops.zeroPad}: input. */
    ZERO_PAD,
    /** {@code Ops.softmax}: input. */
    SOFTMAX;

    /** Whether a ReLU of this op's result can be applied by the op itself, as it writes each element. */
    boolean takesFusedRelu() {
        return this == CONV2D || this == DENSE || this == BATCH_NORM || this == ADD;
    }

    /**
     * Whether this op may write its result over its first input: each output element depends on the input element
     * at the same position only, so no element is overwritten before it is read.
     */
    boolean mayWriteInPlace() {
        return this == RELU || this == ADD;
    }
}
