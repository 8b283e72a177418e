package org.resnet4j.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Padding;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.BackendUnderTest;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The graph-compiled model against the same model run op by op on the eager ops, and against the contract kit's
 * plain-loop oracle. Input errors, closing and threads are the contract's ({@code CompiledModelContract}). The model is the contract's {@link ContractModels#smallResidualNet()} (12x10x3 input; outputs:
 * global average pool, logits, probabilities).
 */
class TfCompiledModelTest implements BackendUnderTest {
    @Override
    public BackendProvider provider() {
        return new TfBackendProvider();
    }

    /** The model interpreted layer by layer on the eager ops: a path that shares no graph with compile(). */
    private List<HostTensor> eager(Model model, HostTensor input) {
        TfOps ops = ((TfBackend) backend()).ops();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        model.parameters().asMap().forEach((k, v) -> weights.put(k, ops.upload(v)));
        try (Tensor in = ops.upload(input)) {
            List<HostTensor> result = new ArrayList<>();
            for (Tensor out : model.forward(ops, weights, List.of(in))) {
                result.add(ops.download(out));
                out.close();
            }
            return result;
        } finally {
            weights.values().forEach(Tensor::close);
        }
    }

    private static void assertClose(HostTensor actual, HostTensor expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.data()[i]).as("element %d", i).isCloseTo(expected.data()[i], within(1e-5f));
        }
    }

    private static HostTensor input(long seed, int batch) {
        return OpRunner.uniform(new Random(seed), -1, 1, batch, 12, 10, 3);
    }

    @Test
    void predict_anyBatchSize_matchesTheEagerOpsAndTheReference() {
        Model model = ContractModels.smallResidualNet();
        try (CompiledModel compiled = backend().compile(model);
                CompiledModel reference = new ReferenceBackend().compile(model)) {
            for (int batch : new int[] {1, 3}) {
                HostTensor input = input(batch, batch);
                List<HostTensor> got = compiled.predictAll(input);
                List<HostTensor> expected = eager(model, input);
                List<HostTensor> oracle = reference.predictAll(input);
                assertThat(got).hasSize(3);
                assertThat(got.get(1).shape()).isEqualTo(Shape.of(batch, 4));
                for (int i = 0; i < 3; i++) {
                    assertClose(got.get(i), expected.get(i));
                    TensorComparison.assertClose("output " + i + " at batch " + batch, got.get(i), oracle.get(i));
                }
            }
        }
    }

    /** {@code -Dresnet4j.tf.stepStats=2}: the second prediction, and only it, prints TensorFlow's per-op timings. */
    @Test
    void stepStatsProperty_printsTheOpTimingsOfThatCallOnly() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setProperty(TfStepStats.PROPERTY, "2");
        try (CompiledModel compiled = backend().compile(ContractModels.smallResidualNet())) {
            System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            compiled.predictAll(input(1, 2));
            String afterFirst = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
            compiled.predictAll(input(2, 2));
            compiled.predictAll(input(3, 2));
            String all = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(afterFirst).doesNotContain("tf step stats");
            assertThat(all).contains("tf step stats: step 2, batch 2").containsPattern("(?m)^  \\S+ +[0-9.]+ ms");
            assertThat(all.split("tf step stats", -1)).hasSize(2);
        } finally {
            System.setErr(err);
            System.clearProperty(TfStepStats.PROPERTY);
        }
    }

    /**
     * Convolutions with a bias and unequal padding on two sides, the case where the graph pads explicitly before a
     * VALID convolution: an explicit (top 2, bottom 0, left 0, right 1) padding, and SAME at stride 2 on an even
     * input (one row and column more at the bottom and right).
     */
    @Test
    void predict_unevenPaddingWithBias_matchesTheReference() {
        Node x = Input.of(8, 6, 3);
        Node explicit = Conv2D.of(4, 3).withPadding(Padding.explicit(2, 0, 0, 1)).named("explicit_conv").apply(x);
        Node same = Conv2D.of(5, 3).withStrides(2).withPadding(Padding.SAME).named("same_stride2_conv")
                .apply(explicit);
        Model model = Model.of("uneven_padding", List.of(x), List.of(explicit, same));
        model.parameters().names().stream().filter(n -> n.endsWith("/bias")).forEach(n -> {
            float[] bias = model.parameters().get(n).data();
            for (int i = 0; i < bias.length; i++) {
                bias[i] = 0.25f * (i + 1);
            }
        });
        HostTensor input = OpRunner.uniform(new Random(21), -1, 1, 2, 8, 6, 3);
        try (CompiledModel compiled = backend().compile(model);
                CompiledModel reference = new ReferenceBackend().compile(model)) {
            List<HostTensor> got = compiled.predictAll(input);
            List<HostTensor> oracle = reference.predictAll(input);
            assertThat(got.get(0).shape()).isEqualTo(Shape.of(2, 8, 5, 4));
            assertThat(got.get(1).shape()).isEqualTo(Shape.of(2, 4, 3, 5));
            TensorComparison.assertClose("explicit padding", got.get(0), oracle.get(0));
            TensorComparison.assertClose("SAME at stride 2", got.get(1), oracle.get(1));
        }
    }
}
