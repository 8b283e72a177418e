package org.resnet4j.backend.tf;

import java.util.List;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * A convolution with its bias added, and optionally a ReLU applied, as each output element is written: TensorFlow's
 * {@code _FusedConv2D} op on Eigen's kernels, for {@link TfConvolutionKernel#EIGEN}. Grappler fuses
 * {@code Conv2D + BiasAdd + Relu} by itself, but not the generic {@code Conv} op that the Eigen choice runs, which
 * would otherwise leave two extra passes over every activation map ({@code BiasAdd}, {@code Relu}). oneDNN's graph
 * rewrite leaves this op to Eigen: a graph's step stats name the {@code _FusedConv2D} kernel and no {@code BiasAdd}
 * or {@code Relu} (TfFusedConvolutionTest). Graphs only: TensorFlow's eager runtime refuses the op.
 *
 * <p>Holds the operands, so that a ReLU traced later can be fused into a second node
 * ({@link TfOps#relu}); the first one is then read by nothing and not run.
 */
record TfFusedConvolution(Output<TFloat32> input, Output<TFloat32> kernel, Output<TFloat32> bias, List<Long> strides,
        String padding, List<Long> explicitPaddings) {

    /** The convolution plus bias, followed by {@code max(x, 0)} when {@code relu}. */
    Output<TFloat32> build(Ops tf, boolean relu) {
        OperationBuilder op = tf.scope().opBuilder("_FusedConv2D", relu ? "FusedConv2DRelu" : "FusedConv2D");
        op.addInput(input);
        op.addInput(kernel);
        op.addInputList(new Output<?>[] {bias});
        op.addInputList(new Output<?>[0]); // host_args: none
        op.setAttr("T", DataType.DT_FLOAT);
        op.setAttr("num_args", 1L);
        op.setAttr("strides", strides.stream().mapToLong(Long::longValue).toArray());
        op.setAttr("padding", padding);
        if (explicitPaddings != null) {
            op.setAttr("explicit_paddings", explicitPaddings.stream().mapToLong(Long::longValue).toArray());
        }
        op.setAttr("fused_ops", relu ? new String[] {"BiasAdd", "Relu"} : new String[] {"BiasAdd"});
        return op.build().output(0);
    }
}
