package org.resnet4j.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.spi.CpuFacts;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.tensor.TensorDifference;
import org.tensorflow.EagerSession;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.types.TFloat32;

/**
 * A convolution with a bias, and the ReLU of it, on Eigen's kernels: one {@code _FusedConv2D} node each in a graph
 * where oneDNN is off, {@code Conv} and no oneDNN convolution where it is on (the step stats name the kernels that
 * ran), with the float64 loops' results, for every padding mode; and the same traces on oneDNN's {@code Conv2D},
 * which Grappler fuses by itself.
 */
class TfFusedConvolutionTest {
    private static final double TOLERANCE = 1e-5;

    static Stream<Arguments> kernelsAndOptions() {
        List<Conv2dOptions> options = List.of(Conv2dOptions.of(1, Padding.SAME), Conv2dOptions.of(1, Padding.VALID),
                Conv2dOptions.of(2, Padding.SAME), Conv2dOptions.of(2, Padding.explicit(1, 2, 0, 1)));
        List<Arguments> all = new ArrayList<>();
        for (TfConvolutionKernel kernel : TfConvolutionKernel.values()) {
            options.forEach(o -> all.add(Arguments.of(kernel, o)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernelsAndOptions")
    void reluOfABiasedConvolution_isOneNodeOnEigen_andMatchesTheLoops(TfConvolutionKernel kernel,
            Conv2dOptions options) {
        HostTensor x = HostTensor.gaussian(Shape.of(2, 7, 6, 5), 1);
        HostTensor k = HostTensor.gaussian(Shape.of(3, 3, 5, 4), 2);
        HostTensor b = HostTensor.gaussian(Shape.of(4), 3);
        ReferenceOps loops = new ReferenceOps();
        HostTensor expected = (HostTensor) loops.relu(loops.conv2d(x, k, b, options));
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            TfOps ops = new TfOps(org.tensorflow.op.Ops.create(graph), false, kernel);
            TfTensor input = fed(ops, x);
            Tensor y = ops.relu(ops.conv2d(input, ops.upload(k), ops.upload(b), options));
            try (TFloat32 feed = TfHostTensors.tensor(x); Result result = session.runner().feed(input.operand(), feed)
                    .fetch(((TfTensor) y).operand())
                    .setOptions(TfStepStats.fullTrace()).runAndFetchMetadata()) {
                HostTensor actual = TfHostTensors.host((TFloat32) result.get(0));
                assertThat(actual.shape()).isEqualTo(expected.shape());
                assertThat(TensorDifference.relativeL2(actual, expected)).as("%s %s", kernel, options)
                        .isLessThan(TOLERANCE);
                if (kernel == TfConvolutionKernel.EIGEN && TfFusedConvolution.staysOnEigen()) {
                    assertThat(kernelsRun(result)).as("the kernels that ran").contains("_FusedConv2D")
                            .doesNotContain("Conv", "Conv2D", "BiasAdd", "Relu");
                } else if (kernel == TfConvolutionKernel.EIGEN) {
                    assertThat(kernelsRun(result)).as("the kernels that ran, oneDNN on").contains("Conv")
                            .noneMatch(type -> type.contains("Conv2D"));
                }
            }
        }
    }

    @Test
    void theProbe_findsOneDnnWhereTensorFlowSaysItIsOn() {
        // TensorFlow 2.18's rule (tensorflow/core/util/util.cc, IsMKLEnabled): TF_ENABLE_ONEDNN_OPTS if set, else on
        // with AVX512_VNNI, AVX512_BF16, AVX_VNNI or AMX. The probe asks the runtime instead; they must agree.
        String setting = System.getenv("TF_ENABLE_ONEDNN_OPTS");
        boolean oneDnnOn = setting == null
                ? CpuFacts.ofThisMachine().flags().stream().anyMatch(flag -> List.of("avx512_vnni", "avx512_bf16",
                        "avx_vnni").contains(flag) || flag.startsWith("amx"))
                : setting.equals("1") || setting.equalsIgnoreCase("true");
        assertThat(TfFusedConvolution.staysOnEigen()).as("oneDNN on: %s (flags %s)", oneDnnOn,
                CpuFacts.ofThisMachine().flags()).isEqualTo(!oneDnnOn);
    }

    @Test
    void aBiasedConvolutionReadByMoreThanTheRelu_keepsBothValues() {
        Conv2dOptions options = Conv2dOptions.of(1, Padding.SAME);
        HostTensor x = HostTensor.gaussian(Shape.of(1, 5, 5, 3), 4);
        HostTensor k = HostTensor.gaussian(Shape.of(3, 3, 3, 2), 5);
        HostTensor b = HostTensor.gaussian(Shape.of(2), 6);
        ReferenceOps loops = new ReferenceOps();
        HostTensor conv = (HostTensor) loops.conv2d(x, k, b, options);
        HostTensor sum = (HostTensor) loops.add(loops.relu(conv), conv);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            TfOps ops = new TfOps(org.tensorflow.op.Ops.create(graph), false, TfConvolutionKernel.EIGEN);
            TfTensor input = fed(ops, x);
            Tensor c = ops.conv2d(input, ops.upload(k), ops.upload(b), options);
            Tensor y = ops.add(ops.relu(c), c);
            try (TFloat32 feed = TfHostTensors.tensor(x);
                    Result result = session.runner().feed(input.operand(), feed).fetch(((TfTensor) y).operand())
                            .run()) {
                HostTensor actual = TfHostTensors.host((TFloat32) result.get(0));
                assertThat(TensorDifference.relativeL2(actual, sum)).isLessThan(TOLERANCE);
            }
        }
    }

    @Test
    void eagerly_nothingIsFused() {
        Conv2dOptions options = Conv2dOptions.of(2, Padding.symmetric(1));
        HostTensor x = HostTensor.gaussian(Shape.of(2, 6, 6, 3), 7);
        HostTensor k = HostTensor.gaussian(Shape.of(3, 3, 3, 4), 8);
        HostTensor b = HostTensor.gaussian(Shape.of(4), 9);
        ReferenceOps loops = new ReferenceOps();
        HostTensor conv = (HostTensor) loops.conv2d(x, k, b, options);
        try (EagerSession session = EagerSession.create()) {
            TfOps ops = new TfOps(org.tensorflow.op.Ops.create(session), true, TfConvolutionKernel.EIGEN);
            Tensor c = ops.conv2d(ops.upload(x), ops.upload(k), ops.upload(b), options);
            assertThat(((TfTensor) c).reluFusion()).as("an eager convolution has run already").isNull();
            assertThat(TensorDifference.relativeL2(ops.download(c), conv)).isLessThan(TOLERANCE);
            assertThat(TensorDifference.relativeL2(ops.download(ops.relu(c)), (HostTensor) loops.relu(conv)))
                    .isLessThan(TOLERANCE);
        }
    }

    /** A placeholder for {@code x}: with constant inputs Grappler would fold the whole graph into one constant. */
    private static TfTensor fed(TfOps ops, HostTensor x) {
        return new TfTensor(ops, ops.builder().placeholder(TFloat32.class), x.shape(), false);
    }

    private static List<String> kernelsRun(Result result) {
        List<String> types = new ArrayList<>();
        for (DeviceStepStats device : result.getMetadata().orElseThrow().getStepStats().getDevStatsList()) {
            for (NodeExecStats node : device.getNodeStatsList()) {
                types.add(TfStepStats.opType(node));
            }
        }
        return types;
    }

}
