package org.resnet4j.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.resnet4j.ops.Conv2dGradients;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Padding;
import org.resnet4j.spi.CpuFacts;
import org.resnet4j.tck.ReferenceGradients;
import org.resnet4j.tck.ReferenceOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;
import org.resnet4j.tensor.TensorDifference;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * Both sets of convolution kernels ({@code Conv2D} and {@code Conv}), whichever this machine picks by default: the
 * forward convolution and the input and kernel gradients traced into a graph against the float64 loops, for every
 * padding mode and stride the layers use, and channel counts that once tripped oneDNN's input gradient.
 */
class TfConvolutionKernelTest {
    private static final double TOLERANCE = 1e-5;

    record Case(String name, Shape input, int kernelHeight, int kernelWidth, int outChannels, int stride,
            Padding padding) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> kernelsAndCases() {
        List<Case> cases = List.of(
                new Case("3x3_valid", Shape.of(2, 5, 5, 3), 3, 3, 4, 1, Padding.VALID),
                new Case("3x3_same", Shape.of(2, 6, 5, 8), 3, 3, 8, 1, Padding.SAME),
                new Case("3x3_stride2_same_evenInput", Shape.of(2, 6, 6, 2), 3, 3, 3, 2, Padding.SAME),
                new Case("3x3_stride2_explicitAsymmetric", Shape.of(1, 7, 6, 2), 3, 3, 2, 2,
                        Padding.explicit(1, 2, 0, 1)),
                new Case("7x7_stride2_symmetric3", Shape.of(1, 9, 8, 3), 7, 7, 2, 2, Padding.symmetric(3)),
                new Case("2x3_same_evenKernel", Shape.of(1, 4, 5, 2), 2, 3, 2, 1, Padding.SAME),
                new Case("1x1_stride2_valid", Shape.of(2, 5, 5, 3), 1, 1, 4, 2, Padding.VALID),
                new Case("3x3_symmetric1_40channels", Shape.of(2, 6, 6, 40), 3, 3, 40, 1, Padding.symmetric(1)),
                new Case("3x3_stride2_symmetric1_80channels", Shape.of(1, 8, 8, 80), 3, 3, 16, 2,
                        Padding.symmetric(1)));
        List<Arguments> all = new ArrayList<>();
        for (TfConvolutionKernel kernel : TfConvolutionKernel.values()) {
            cases.forEach(c -> all.add(Arguments.of(kernel, c)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernelsAndCases")
    void forwardAndGradients_matchTheLoops(TfConvolutionKernel kernel, Case c) {
        Conv2dOptions options = Conv2dOptions.of(c.stride(), c.padding());
        HostTensor x = HostTensor.gaussian(c.input(), 1);
        HostTensor k = HostTensor.gaussian(Shape.of(c.kernelHeight(), c.kernelWidth(), c.input().dim(3),
                c.outChannels()), 2);
        HostTensor b = HostTensor.gaussian(Shape.of(c.outChannels()), 3);
        HostTensor y = (HostTensor) new ReferenceOps().conv2d(x, k, b, options);
        HostTensor dy = HostTensor.gaussian(y.shape(), 4);
        Conv2dGradients expected = new ReferenceGradients().conv2dBackward(dy, x, k, options, true);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            TfOps ops = new TfOps(org.tensorflow.op.Ops.create(graph), false, kernel);
            List<Tensor> traced = List.of(ops.conv2d(ops.upload(x), ops.upload(k), ops.upload(b), options));
            Conv2dGradients d = ops.conv2dBackward(ops.upload(dy), ops.upload(x), ops.upload(k), options, true);
            traced = List.of(traced.get(0), d.input(), d.kernel());
            List<HostTensor> expectedTensors = List.of(y, (HostTensor) expected.input(),
                    (HostTensor) expected.kernel());
            Session.Runner runner = session.runner();
            traced.forEach(t -> runner.fetch(((TfTensor) t).operand()));
            try (Result result = runner.run()) {
                String[] names = {"output", "input gradient", "kernel gradient"};
                for (int i = 0; i < traced.size(); i++) {
                    HostTensor actual = TfHostTensors.host((TFloat32) result.get(i));
                    assertThat(actual.shape()).as(names[i]).isEqualTo(expectedTensors.get(i).shape());
                    assertThat(TensorDifference.relativeL2(actual, expectedTensors.get(i)))
                            .as("%s %s: relative L2 error of the %s", kernel, c, names[i]).isLessThan(TOLERANCE);
                }
            }
        }
    }


    @Test
    void default_isEigenExactlyWhereTheCacheSizesAreHidden() {
        CpuFacts hidden = new CpuFacts("AMD EPYC", "AuthenticAMD", Set.of("avx512f", "topoext"), false);
        CpuFacts visible = new CpuFacts("AMD EPYC", "AuthenticAMD", Set.of("avx512f", "topoext"), true);
        CpuFacts intel = new CpuFacts("Intel Xeon", "GenuineIntel", Set.of("avx512f"), false);
        assertThat(TfConvolutionKernel.choose(null, hidden)).isEqualTo(TfConvolutionKernel.EIGEN);
        assertThat(TfConvolutionKernel.choose(" ", hidden)).isEqualTo(TfConvolutionKernel.EIGEN);
        assertThat(TfConvolutionKernel.choose(null, visible)).isEqualTo(TfConvolutionKernel.ONEDNN);
        assertThat(TfConvolutionKernel.choose(null, intel)).isEqualTo(TfConvolutionKernel.ONEDNN);
    }

    @Test
    void setting_overridesTheMachine_andABadValueIsNamed() {
        CpuFacts hidden = new CpuFacts("AMD EPYC", "AuthenticAMD", Set.of("topoext"), false);
        CpuFacts visible = new CpuFacts("AMD EPYC", "AuthenticAMD", Set.of("topoext"), true);
        assertThat(TfConvolutionKernel.choose("oneDNN", hidden)).isEqualTo(TfConvolutionKernel.ONEDNN);
        assertThat(TfConvolutionKernel.choose(" eigen ", visible)).isEqualTo(TfConvolutionKernel.EIGEN);
        assertThatThrownBy(() -> TfConvolutionKernel.choose("mkl", visible))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dresnet4j.tf.convolutions").hasMessageContaining("onednn or eigen")
                .hasMessageContaining("'mkl'");
    }
}
