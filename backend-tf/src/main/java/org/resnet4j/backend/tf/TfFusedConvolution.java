package org.resnet4j.backend.tf;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * A convolution with its bias added, and optionally a ReLU applied, as each output element is written: TensorFlow's
 * {@code _FusedConv2D} op on Eigen's kernels, for {@link TfConvolutionKernel#EIGEN}. Grappler fuses
 * {@code Conv2D + BiasAdd + Relu} by itself, but not the generic {@code Conv} op that the Eigen choice runs, which
 * would otherwise leave two extra passes over every activation map ({@code BiasAdd}, {@code Relu}). Only where
 * oneDNN is off in the process ({@link #staysOnEigen()}): where it is on, its graph rewrite turns this op into
 * {@code _MklNativeFusedConv2D} whatever its fused ops, which is just what {@link TfConvolutionKernel#EIGEN} is
 * there to avoid. A graph's step stats then name the {@code _FusedConv2D} kernel and no {@code BiasAdd} or
 * {@code Relu} (TfFusedConvolutionTest). Graphs only: TensorFlow's eager runtime refuses the op.
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

    /**
     * Whether TensorFlow runs this op on its Eigen kernels in this process, asked of TensorFlow itself once per JVM:
     * a 1x1 one runs with {@code output_partition_graphs}, which returns the graph as rewritten, oneDNN's rewrite
     * included. That rewrite follows rules of TensorFlow's own (oneDNN on by default only on some CPUs,
     * {@code TF_ENABLE_ONEDNN_OPTS} read once when the library loads) that this backend should not copy. (A full trace
     * would name the kernels too, but makes TensorFlow's profiler print a warning on every run.) False if the probe
     * fails: the unfused ops are always right.
     */
    static boolean staysOnEigen() {
        return Probe.STAYS_ON_EIGEN;
    }

    private static final class Probe {
        static final boolean STAYS_ON_EIGEN = opsRun().contains("_FusedConv2D");

        private static List<String> opsRun() {
            List<String> ops = new ArrayList<>();
            try (Graph graph = new Graph(); Session session = new Session(graph)) {
                Ops tf = Ops.create(graph);
                // A fed input: with constant inputs only, Grappler would fold the whole graph into a constant.
                Output<TFloat32> x = tf.placeholder(TFloat32.class).output();
                Output<TFloat32> convolution = new TfFusedConvolution(x, tf.constant(new float[][][][] {{{{1f}}}})
                        .asOutput(), tf.constant(new float[] {0f}).asOutput(), List.of(1L, 1L, 1L, 1L), "VALID", null)
                        .build(tf, false);
                RunOptions partitionGraphs = RunOptions.newBuilder().setOutputPartitionGraphs(true).build();
                try (TFloat32 feed = TFloat32.tensorOf(Shape.of(1, 1, 1, 1));
                        Result result = session.runner().feed(x, feed).fetch(convolution).setOptions(partitionGraphs)
                                .runAndFetchMetadata()) {
                    for (GraphDef partition : result.getMetadata().orElseThrow().getPartitionGraphsList()) {
                        partition.getNodeList().forEach(node -> ops.add(node.getOp()));
                    }
                }
            } catch (RuntimeException probeFailed) {
                ops.clear();
            }
            return ops;
        }
    }
}
