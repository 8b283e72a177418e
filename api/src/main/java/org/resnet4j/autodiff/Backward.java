package org.resnet4j.autodiff;

import org.resnet4j.tensor.Tensor;

/** One op's backward step: the gradients of its inputs from the gradient of its output. */
@FunctionalInterface
interface Backward {
    /**
     * @param outputGradient the gradient of the op's output (a backend tensor the tape owns; do not close it)
     * @param needed         per input, whether its gradient is wanted; the others should be {@code null}
     * @return per input, a gradient the tape takes ownership of, the output gradient itself (passed through), or
     *         {@code null}
     */
    Tensor[] apply(Tensor outputGradient, boolean[] needed);
}
