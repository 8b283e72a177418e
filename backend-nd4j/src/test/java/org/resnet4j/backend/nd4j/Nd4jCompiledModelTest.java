package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.BackendUnderTest;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tensor.HostTensor;

/** Compiling a small residual model on ND4J and predicting with it, from one thread and from several. */
class Nd4jCompiledModelTest implements BackendUnderTest {
    @Override
    public BackendProvider provider() {
        return new Nd4jBackendProvider();
    }

    /** The contract's small residual model (12x10x3 input; outputs: global average pool, logits, probabilities). */
    private static Model model() {
        return ContractModels.smallResidualNet();
    }

    private static HostTensor input(long seed, int batch) {
        return OpRunner.uniform(new Random(seed), -1, 1, batch, 12, 10, 3);
    }

    /** The model interpreted on the contract kit's plain-loop {@code ReferenceOps}. */
    private static List<HostTensor> reference(Model model, HostTensor input) {
        try (CompiledModel oracle = new ReferenceBackend().compile(model)) {
            return oracle.predictAll(input);
        }
    }

    private static void assertMatches(List<HostTensor> actual, List<HostTensor> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertMatches(actual.get(i), expected.get(i));
        }
    }

    private static void assertMatches(HostTensor actual, HostTensor expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.data()[i]).as("element %d", i).isCloseTo(expected.data()[i], within(1e-5f));
        }
    }

    @Test
    void predict_batchOf3_matchesTheReferenceForwardPass() {
        Model model = model();
        HostTensor input = input(8, 3);
        try (CompiledModel compiled = backend().compile(model)) {
            assertMatches(compiled.predictAll(input), reference(model, input));
        }
    }

    @Test
    void predict_isRepeatable_andDoesNotChangeItsInput() {
        Model model = model();
        HostTensor input = input(10, 1);
        HostTensor copy = input.copy();
        try (CompiledModel compiled = backend().compile(model)) {
            List<HostTensor> first = compiled.predictAll(input);
            List<HostTensor> second = compiled.predictAll(input);
            for (int i = 0; i < first.size(); i++) {
                assertThat(second.get(i).data()).containsExactly(first.get(i).data());
            }
            assertThat(input.data()).containsExactly(copy.data());
        }
    }

    /**
     * Every array a forward pass takes from the pool goes back and is taken again by the next pass, so the pool
     * stays at its size after the first call. The model has every kind of result an op makes: zero padding, uneven
     * SAME padding (a temporary padded copy), global average pooling and dense layers.
     */
    @Test
    void predict_repeatedly_keepsThePoolAtItsSizeAfterTheFirstCall() {
        HostTensor input = input(12, 2);
        try (Nd4jCompiledModel compiled = (Nd4jCompiledModel) backend().compile(model())) {
            compiled.predictAll(input);
            long afterFirstCall = compiled.pooledBytes();
            for (int i = 0; i < 50; i++) {
                compiled.predictAll(input);
            }
            assertThat(afterFirstCall).isPositive();
            assertThat(compiled.pooledBytes()).as("bytes pooled after 51 calls").isEqualTo(afterFirstCall);
        }
    }

    @Test
    void predict_fromFourThreads_givesEachInputItsOwnResult() throws Exception {
        Model model = model();
        List<HostTensor> inputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inputs.add(input(100 + i, 2));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (CompiledModel compiled = backend().compile(model)) {
            List<Future<List<HostTensor>>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (HostTensor in : inputs) {
                    results.add(pool.submit(() -> compiled.predictAll(in)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                HostTensor in = inputs.get(i % inputs.size());
                assertMatches(results.get(i).get(), reference(model, in));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
