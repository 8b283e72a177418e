package org.resnet4j.backend.tf;

import org.resnet4j.tensor.DType;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A ResNet4J tensor backed by a TensorFlow operand: an evaluated eager operation, or a node of a graph being
 * traced. In a graph the batch dimension may be symbolic: {@link #shape()} then reports the nominal batch used
 * while tracing and {@link #hasSymbolicBatch()} is true.
 */
final class TfTensor implements Tensor {
    private final TfOps owner;
    private final Shape shape;
    private final boolean symbolicBatch;
    private volatile Operand<TFloat32> operand;

    TfTensor(TfOps owner, Operand<TFloat32> operand, Shape shape, boolean symbolicBatch) {
        this.owner = owner;
        this.operand = operand;
        this.shape = shape;
        this.symbolicBatch = symbolicBatch;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT32;
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
        Operand<TFloat32> op = operand;
        if (op == null) {
            throw new IllegalStateException("This TensorFlow tensor " + shape + " is closed");
        }
        return op;
    }

    /**
     * Forgets the operand. A graph node lives as long as its graph; an eager result's native memory belongs to
     * the backend's eager session (TensorFlow Java offers no way to free one eager operation alone).
     */
    @Override
    public void close() {
        operand = null;
    }

    @Override
    public String toString() {
        return "TfTensor" + shape + (symbolicBatch ? " (symbolic batch)" : "");
    }
}
