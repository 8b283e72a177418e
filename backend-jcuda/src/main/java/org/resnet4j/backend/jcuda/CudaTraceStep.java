package org.resnet4j.backend.jcuda;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.Shape;

/**
 * One kernel of a traced model: what it reads (activations and constants, in the kernel's argument order), what
 * it writes, and its options. The optimiser may fold a batch norm into it or set its fused ReLU.
 */
final class CudaTraceStep {
    enum Op { CONV2D, DENSE, BATCH_NORM, RELU, ADD, MAX_POOL, AVG_POOL, GLOBAL_AVG_POOL, ZERO_PAD, SOFTMAX }

    final Op op;
    /** Activation inputs (model inputs or values other steps write). */
    final List<CudaTraceValue> inputs = new ArrayList<>();
    /** Shapes of the inputs as the op saw them (a reshape may differ from the value's first shape). */
    final List<Shape> inputShapes = new ArrayList<>();
    /** Constant operands: conv/dense kernel and bias (bias may be null); BN gamma, beta, mean, variance. */
    final List<CudaTraceValue> constants = new ArrayList<>();
    CudaTraceValue output;
    Shape outputShape;
    Conv2dOptions convOptions;
    PoolOptions poolOptions;
    Padding.Explicit padding;
    float epsilon;
    boolean relu;

    CudaTraceStep(Op op) {
        this.op = op;
    }

    @Override
    public String toString() {
        return op + (relu ? "+relu" : "") + " " + inputs + " -> " + output;
    }
}
