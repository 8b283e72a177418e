package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.ops.Padding;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;

/**
 * A compiled model's convolutions on oneDNN 3.11 ({@link Nd4jPackedConvolutions}): packed kernels, the ReLU and the
 * residual addition in the convolution's own pass, each checked against the unplanned model on the reference ops,
 * with oneDNN's brgemm kernels and with its older JIT kernels, and on graphs that tempt the residual fusion where it
 * must not apply.
 */
class Nd4jPackedConvolutionsTest {
    private static Nd4jOneDnnRuntime runtime() {
        Nd4jOneDnnRuntime runtime = Nd4jOneDnnRuntime.get();
        assumeTrue(runtime != null, "oneDNN 3.11 (JavaCPP's dnnl preset) does not load on this machine");
        return runtime;
    }

    /**
     * A bottleneck-like block: a 3x3 stride-2 SAME convolution on an odd-sized input (padding on one side only), a
     * 3x3 convolution without a bias, a 1x1 stride-2 projection shortcut, the Add and its ReLU, then a head.
     */
    private static Model projectionBlock() {
        Node x = Input.of(9, 9, 8);
        Node a = Conv2D.of(16, 3).withStrides(2).withPadding(Padding.SAME).named("a").apply(x);
        a = ReLU.of().named("a_relu").apply(BatchNormalization.of().named("a_bn").apply(a));
        Node b = Conv2D.of(16, 3).withPadding(Padding.SAME).withoutBias().named("b").apply(a);
        b = BatchNormalization.of().named("b_bn").apply(b);
        Node shortcut = Conv2D.of(16, 1).withStrides(2).withoutBias().named("shortcut").apply(x);
        Node sum = ReLU.of().named("out_relu").apply(Add.of().named("add").apply(b, shortcut));
        Node logits = Dense.of(5).named("dense").apply(GlobalAveragePooling2D.of().named("gap").apply(sum));
        return randomized(Model.of("projection_block", List.of(x), List.of(logits)));
    }

    /** The convolution reads the residual it is added to: its output may not be written over its own input. */
    private static Model convolutionOfTheResidual() {
        Node x = Input.of(6, 6, 4);
        Node r = ReLU.of().named("r").apply(Conv2D.of(4, 3).withPadding(Padding.SAME).named("c0").apply(x));
        Node c = Conv2D.of(4, 3).withPadding(Padding.SAME).named("c1").apply(r);
        return randomized(Model.of("convolution_of_the_residual", List.of(x),
                List.of(ReLU.of().named("out").apply(Add.of().named("add").apply(c, r)))));
    }

    /** The residual is read again after the addition: it must keep its values. */
    private static Model residualReadAgain() {
        Node x = Input.of(6, 6, 4);
        Node s = ReLU.of().named("s").apply(Conv2D.of(4, 3).withPadding(Padding.SAME).named("c0").apply(x));
        Node y = Add.of().named("add").apply(Conv2D.of(4, 1).named("c1").apply(s), s);
        return randomized(Model.of("residual_read_again", List.of(x),
                List.of(Add.of().named("add_again").apply(y, s))));
    }

    /** The residual first and the convolution second in the Add, the convolution's input a model input. */
    private static Model residualFirst() {
        Node x = Input.of(5, 5, 3);
        Node r = Conv2D.of(6, 1).named("r").apply(x);
        Node c = Conv2D.of(6, 3).withPadding(Padding.SAME).named("c").apply(x);
        return randomized(Model.of("residual_first", List.of(x),
                List.of(ReLU.of().named("out").apply(Add.of().named("add").apply(r, c)))));
    }

    /** The convolution's result is a model output too: the caller must see it before the addition. */
    private static Model convolutionIsAnOutput() {
        Node x = Input.of(5, 5, 3);
        Node r = Conv2D.of(6, 1).named("r").apply(x);
        Node c = Conv2D.of(6, 3).withPadding(Padding.SAME).named("c").apply(x);
        return randomized(Model.of("convolution_is_an_output", List.of(x),
                List.of(c, Add.of().named("add").apply(c, r))));
    }

    private static Model randomized(Model model) {
        Random r = new Random(17);
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            boolean positive = name.endsWith("/gamma") || name.endsWith("/moving_variance");
            for (int i = 0; i < d.length; i++) {
                d[i] = positive ? 0.5f + r.nextFloat() : (float) (0.5 * r.nextGaussian());
            }
        }
        return model;
    }

    /**
     * Compiles {@code model} with oneDNN 3.11's convolutions on the {@code kernels} asked for, checks three calls
     * against the reference ops, and returns how many convolutions added a residual in their pass.
     */
    private static long residualSumsWhenMatchingTheReference(Model model, Nd4jOneDnnConvolution.Kernels kernels,
            int... inputShape) {
        Nd4jPackedConvolutions convolutions = new Nd4jPackedConvolutions(new Nd4jOneDnnConvolution(runtime(), kernels));
        HostTensor x = OpRunner.gaussian(new Random(3), 1.0, inputShape);
        try (CompiledModel expected = new ReferenceBackend().compile(model);
             Nd4jCompiledModel actual = new Nd4jCompiledModel(model, new Nd4jOps(), convolutions)) {
            List<HostTensor> want = expected.predictAll(x);
            for (int call = 0; call < 3; call++) {
                List<HostTensor> got = actual.predictAll(x);
                for (int i = 0; i < want.size(); i++) {
                    TensorComparison.assertClose(model.name() + " output " + i + ", call " + call, got.get(i),
                            want.get(i));
                }
            }
            return convolutions.residualSums() / 3;
        }
    }

    @ParameterizedTest(name = "kernels: {0}")
    @EnumSource(Nd4jOneDnnConvolution.Kernels.class)
    void projectionBlock_matchesTheReference_withTheResidualAddedInTheConvolution(
            Nd4jOneDnnConvolution.Kernels kernels) {
        assertThat(residualSumsWhenMatchingTheReference(projectionBlock(), kernels, 2, 9, 9, 8)).isEqualTo(1);
    }

    @ParameterizedTest(name = "kernels: {0}")
    @EnumSource(Nd4jOneDnnConvolution.Kernels.class)
    void contractResidualNet_matchesTheReference(Nd4jOneDnnConvolution.Kernels kernels) {
        residualSumsWhenMatchingTheReference(ContractModels.smallResidualNet(), kernels, 3, 12, 10, 3);
    }

    @Test
    void residualFirstInTheAdd_isAddedInTheConvolutionToo() {
        assertThat(residualSumsWhenMatchingTheReference(residualFirst(), Nd4jOneDnnConvolution.Kernels.JIT, 2, 5, 5, 3)).isEqualTo(1);
    }

    @Test
    void graphsWhereTheSumMayNotOverwriteAValue_computeItApart() {
        assertThat(residualSumsWhenMatchingTheReference(convolutionOfTheResidual(), Nd4jOneDnnConvolution.Kernels.JIT, 2, 6, 6, 4)).isZero();
        assertThat(residualSumsWhenMatchingTheReference(residualReadAgain(), Nd4jOneDnnConvolution.Kernels.JIT, 2, 6, 6, 4)).isZero();
        assertThat(residualSumsWhenMatchingTheReference(convolutionIsAnOutput(), Nd4jOneDnnConvolution.Kernels.JIT, 2, 5, 5, 3)).isZero();
    }

    @Test
    void everyKernelIsPackedOnce_andSharedByBatchSizesThatReadTheSameLayout() {
        Nd4jPackedConvolutions convolutions = new Nd4jPackedConvolutions(
                new Nd4jOneDnnConvolution(runtime(), Nd4jOneDnnConvolution.Kernels.JIT));
        try (Nd4jCompiledModel compiled = new Nd4jCompiledModel(projectionBlock(), new Nd4jOps(), convolutions)) {
            for (int call = 0; call < 3; call++) {
                compiled.predictAll(OpRunner.gaussian(new Random(call), 1.0, 2, 9, 9, 8));
            }
            assertThat(convolutions.packedKernels()).isEqualTo(3);
            for (int batch = 1; batch <= 5; batch++) {
                compiled.predictAll(OpRunner.gaussian(new Random(batch), 1.0, batch, 9, 9, 8));
            }
            // five batch sizes, and each of the three kernels in at most a layout or two
            assertThat(convolutions.packedKernels()).isBetween(3, 6);
        }
    }

    @Test
    void passingOverBrgemm_picksAnOlderJitKernel() {
        Nd4jOneDnnConvolution jit = new Nd4jOneDnnConvolution(runtime(), Nd4jOneDnnConvolution.Kernels.JIT);
        Nd4jOneDnnConvolutionShapes shapes = new Nd4jOneDnnConvolutionShapes(List.of(1L, 14L, 14L, 64L),
                List.of(3L, 3L, 64L, 64L), List.of(1L, 14L, 14L, 64L), List.of(1L, 1L, 1L, 1L, 1L, 1L));
        Nd4jOneDnnConvolution.Primitives primitives = jit.primitives(shapes, true, false, true);
        assertThat(primitives).isNotNull();
        try {
            assertThat(primitives.implementation()).doesNotStartWith("brg").startsWith("jit");
        } finally {
            jit.release(primitives);
        }
    }

    @Test
    void fastestKernels_keepOneOfTheTwoCandidates() {
        Nd4jOneDnnConvolutionShapes shapes = new Nd4jOneDnnConvolutionShapes(List.of(1L, 14L, 14L, 64L),
                List.of(3L, 3L, 64L, 64L), List.of(1L, 14L, 14L, 64L), List.of(1L, 1L, 1L, 1L, 1L, 1L));
        java.util.Set<String> candidates = new java.util.HashSet<>();
        for (Nd4jOneDnnConvolution.Kernels kernels : List.of(Nd4jOneDnnConvolution.Kernels.FIRST,
                Nd4jOneDnnConvolution.Kernels.JIT)) {
            Nd4jOneDnnConvolution convolution = new Nd4jOneDnnConvolution(runtime(), kernels);
            Nd4jOneDnnConvolution.Primitives primitives = convolution.primitives(shapes, true, true, true);
            candidates.add(primitives.implementation());
            convolution.release(primitives);
        }
        Nd4jOneDnnConvolution fastest = new Nd4jOneDnnConvolution(runtime(), Nd4jOneDnnConvolution.Kernels.FASTEST);
        Nd4jOneDnnConvolution.Primitives primitives = fastest.primitives(shapes, true, true, true);
        try {
            assertThat(candidates).contains(primitives.implementation());
        } finally {
            fastest.release(primitives);
        }
    }

    @Test
    void kernelsSetting_isReadFromItsProperty_andABadValueIsAClearError() {
        assertThat(Nd4jOneDnnConvolution.Kernels.of(null)).isEqualTo(Nd4jOneDnnConvolution.Kernels.FASTEST);
        assertThat(Nd4jOneDnnConvolution.Kernels.of(" Fastest ")).isEqualTo(Nd4jOneDnnConvolution.Kernels.FASTEST);
        assertThat(Nd4jOneDnnConvolution.Kernels.of("first")).isEqualTo(Nd4jOneDnnConvolution.Kernels.FIRST);
        assertThat(Nd4jOneDnnConvolution.Kernels.of("JIT")).isEqualTo(Nd4jOneDnnConvolution.Kernels.JIT);
        assertThatThrownBy(() -> Nd4jOneDnnConvolution.Kernels.of("brgemm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dresnet4j.nd4j.onednnConvolution.kernels expects fastest, first or jit."
                        + " Received: brgemm");
    }

    @Test
    void untimedPrimitivesPassOverBrgemm_onlyWhenTheSettingSaysJit() {
        assertThat(Nd4jOneDnnConvolution.passOverBrgemm(null)).isFalse();
        assertThat(Nd4jOneDnnConvolution.passOverBrgemm(" ")).isFalse();
        assertThat(Nd4jOneDnnConvolution.passOverBrgemm("fastest")).isFalse();
        assertThat(Nd4jOneDnnConvolution.passOverBrgemm("first")).isFalse();
        assertThat(Nd4jOneDnnConvolution.passOverBrgemm("JIT")).isTrue();
        assertThatThrownBy(() -> Nd4jOneDnnConvolution.passOverBrgemm("brgemm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dresnet4j.nd4j.onednnConvolution.kernels")
                .hasMessageContaining("fastest, first or jit")
                .hasMessageContaining("brgemm");
    }
}
