package org.resnet4j.autodiff;

import java.util.List;
import org.resnet4j.tensor.Tensor;

/**
 * One recorded op: its output, its inputs as the caller passed them (tape tensors, or backend tensors such as
 * weights and images; {@code null} for an absent bias), and its backward step.
 */
record TapeRecord(String op, TapeTensor output, List<Tensor> inputs, Backward backward) {
}
