package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.resnet4j.tck.OpRunner.gaussian;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;

/**
 * A compiled model ({@link org.resnet4j.spi.Backend#compile}) computes what the same model computes layer by layer
 * on {@link ReferenceOps}: at two batch sizes, on repeated calls (a plan reused, not corrupted by a call with another
 * shape in between) and from several threads. The model is {@link ContractModels#smallResidualNet()}; a backend that
 * folds batch norms or plans its ops is compared with the unfused, unplanned reference.
 */
public interface CompiledModelParityContract extends BackendUnderTest {

    @Test
    default void compiledModel_batch1AndBatch3_matchesTheModelOnReferenceOps() {
        Model model = ContractModels.smallResidualNet();
        try (CompiledModel expected = new ReferenceBackend().compile(model);
             CompiledModel actual = backend().compile(model)) {
            for (int batch : new int[] {1, 3}) {
                HostTensor x = gaussian(new Random(90 + batch), 1.0, batch, 12, 10, 3);
                assertOutputsClose("compiled " + model.name() + " batch " + batch, actual.predictAll(x),
                        expected.predictAll(x));
            }
        }
    }

    @Test
    default void compiledModel_repeatedPredict_givesTheSameResults() {
        Model model = ContractModels.smallResidualNet();
        HostTensor x = gaussian(new Random(93), 1.0, 2, 12, 10, 3);
        try (CompiledModel compiled = backend().compile(model)) {
            List<HostTensor> first = compiled.predictAll(x);
            HostTensor other = gaussian(new Random(94), 1.0, 1, 12, 10, 3);
            compiled.predictAll(other);
            for (int i = 0; i < 2; i++) {
                assertOutputsClose("predict call " + (i + 2) + " of " + model.name(), compiled.predictAll(x), first);
            }
        }
    }

    @Test
    default void compiledModel_predictFromSeveralThreads_matchesTheModelOnReferenceOps() throws Exception {
        Model model = ContractModels.smallResidualNet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (CompiledModel expected = new ReferenceBackend().compile(model);
             CompiledModel actual = backend().compile(model)) {
            List<HostTensor> inputs = new ArrayList<>();
            List<Future<List<HostTensor>>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                HostTensor x = gaussian(new Random(100 + i), 1.0, 1 + i % 3, 12, 10, 3);
                inputs.add(x);
                futures.add(pool.submit(() -> actual.predictAll(x)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertOutputsClose("predict from 4 threads, call " + i, futures.get(i).get(),
                        expected.predictAll(inputs.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every output of a multi-output model within {@link TensorComparison}'s tolerance. */
    private static void assertOutputsClose(String what, List<HostTensor> actual, List<HostTensor> expected) {
        assertThat(actual).as(what + ": number of outputs").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            TensorComparison.assertClose(what + ", output " + i, actual.get(i), expected.get(i));
        }
    }
}
