package org.resnet4j.backend.tf;

import org.resnet4j.tensor.AbstractTensor;
import org.resnet4j.tensor.Shape;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * A ResNet4J tensor backed by a TensorFlow operand: an evaluated eager operation, or a node of a graph being
 * traced. In a graph the batch dimension may be symbolic: {@link #shape()} then reports the nominal batch used
 * while tracing and {@link #hasSymbolicBatch()} is true.
 *
 * <p>In-place updates (moving statistics, optimizer steps) rebind the tensor: the handle stays the same and its
 * operand becomes the updated value. A tensor may be backed by a TensorFlow resource variable, whose handle the
 * fused update ops ({@code ResourceApplyAdam}, ...) write; its operand is then a read of the variable.
 */
final class TfTensor extends AbstractTensor {
    private final TfOps owner;
    private final boolean symbolicBatch;
    private volatile Operand<TFloat32> operand;
    private volatile Operand<? extends TType> variable;
    /** Graph only: the fused convolution that computed this tensor and could apply a ReLU of it too; or null. */
    private volatile TfFusedConvolution reluFusion;

    TfTensor(TfOps owner, Operand<TFloat32> operand, Shape shape, boolean symbolicBatch) {
        super(shape);
        this.owner = owner;
        this.operand = operand;
        this.symbolicBatch = symbolicBatch;
    }

    /** True when the first dimension is only known when the graph runs. */
    public boolean hasSymbolicBatch() {
        return symbolicBatch;
    }

    TfOps owner() {
        return owner;
    }

    /** The TensorFlow operand; throws once this tensor is closed. */
    Operand<TFloat32> operand() {
        checkOpen();
        return operand;
    }

    /** The resource variable behind this tensor, or {@code null} when it is a plain value. */
    Operand<? extends TType> variable() {
        return variable;
    }

    /** Makes this tensor the value {@code value}: an in-place update as the caller sees it. */
    void rebind(Operand<TFloat32> value) {
        operand();
        operand = value;
        reluFusion = null;
    }

    /**
     * Graph only: records that {@code convolution} computed this tensor, so that {@link TfOps#relu} of it can be one
     * fused node instead of a second pass.
     */
    void offerReluFusion(TfFusedConvolution convolution) {
        reluFusion = convolution;
    }

    /** The convolution a ReLU of this tensor may fuse into, or {@code null}. */
    TfFusedConvolution reluFusion() {
        checkOpen();
        return reluFusion;
    }

    /** Backs this tensor by the resource variable {@code handle}, whose current value {@code read} reads. */
    void bindVariable(Operand<? extends TType> handle, Operand<TFloat32> read) {
        operand();
        variable = handle;
        operand = read;
    }

    /**
     * Forgets the operand (and releases an eager resource variable behind it). A graph node lives as long as its graph; an eager result's native memory belongs to
     * the backend's eager session (TensorFlow Java offers no way to free one eager operation alone).
     */
    @Override
    protected void free() {
        Operand<? extends TType> v = variable;
        variable = null;
        if (v != null) {
            try {
                owner.releaseVariable(v);
            } catch (RuntimeException e) {
                // the eager session is already closed, and with it every variable it held
            }
        }
        operand = null;
        reluFusion = null;
    }

    @Override
    public String toString() {
        return "TfTensor" + shape() + (symbolicBatch ? " (symbolic batch)" : "");
    }
}
