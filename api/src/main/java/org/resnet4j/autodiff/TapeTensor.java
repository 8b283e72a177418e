package org.resnet4j.autodiff;

import org.resnet4j.tensor.DType;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * A tensor produced on a {@link GradientTape}: the backend's tensor plus its identity on the tape. Closing it
 * releases the backend tensor at once unless the backward pass still needs it ({@link #save()}), in which case the
 * tape releases it when the tape is closed.
 */
final class TapeTensor implements Tensor {
    private final GradientTape tape;
    private final Tensor value;
    private final String op;
    private boolean saved;

    TapeTensor(GradientTape tape, Tensor value, String op) {
        this.tape = tape;
        this.value = value;
        this.op = op;
    }

    GradientTape tape() {
        return tape;
    }

    /** The backend's tensor. */
    Tensor value() {
        return value;
    }

    /** Keeps the backend tensor alive until the tape is closed: a backward step reads it. */
    Tensor save() {
        saved = true;
        return value;
    }

    @Override
    public Shape shape() {
        return value.shape();
    }

    @Override
    public DType dtype() {
        return value.dtype();
    }

    @Override
    public void close() {
        if (!saved) {
            value.close();
        }
    }

    @Override
    public String toString() {
        return "TapeTensor(" + op + ")" + value.shape();
    }
}
