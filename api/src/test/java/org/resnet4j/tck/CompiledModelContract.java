package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.resnet4j.tck.OpRunner.gaussian;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The contract of {@link Backend#compile} and the {@link CompiledModel} it returns: results equal to the model run on
 * {@link ReferenceOps}, any batch size, the input-shape errors (one wording on every backend), the closed state,
 * closing a backend closes its models, and calls from several threads, also while another thread closes the model.
 * {@link BackendContract} extends it, so every backend runs it.
 */
public interface CompiledModelContract extends BackendUnderTest {
    /** The message every compiled model of {@link ContractModels#smallResidualNet()} gives once closed. */
    String CLOSED = "Compiled model \"contract_net\" is closed; compile the model again to predict";

    // ---------------------------------------------------------------- results

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
    default void compiledModel_twoInputs_matchesTheModelOnReferenceOps() {
        Model model = twoInputSum();
        Random random = new Random(95);
        HostTensor a = gaussian(random, 1.0, 3, 4, 4, 2);
        HostTensor b = gaussian(random, 1.0, 3, 4, 4, 2);
        try (CompiledModel expected = new ReferenceBackend().compile(model);
             CompiledModel actual = backend().compile(model)) {
            assertOutputsClose("compiled " + model.name(), actual.predictAll(a, b), expected.predictAll(a, b));
        }
    }

    // ---------------------------------------------------------------- input errors

    @Test
    default void predict_wrongSampleShape_namesModelInputExpectedAndReceived() {
        try (CompiledModel compiled = backend().compile(ContractModels.smallResidualNet())) {
            assertThatThrownBy(() -> compiled.predictAll(HostTensor.zeros(Shape.of(1, 12, 10, 4))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Model \"contract_net\" input \"input_1\" expected shape [n, 12, 10, 3], "
                            + "received: [1, 12, 10, 4]");
        }
    }

    @Test
    default void predict_withoutBatchDimension_namesModelInputExpectedAndReceived() {
        try (CompiledModel compiled = backend().compile(ContractModels.smallResidualNet())) {
            assertThatThrownBy(() -> compiled.predictAll(HostTensor.zeros(Shape.of(12, 10, 3))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Model \"contract_net\" input \"input_1\" expected shape [n, 12, 10, 3], "
                            + "received: [12, 10, 3]");
        }
    }

    @Test
    default void predict_wrongNumberOfInputs_statesExpectedAndReceivedCounts() {
        HostTensor x = HostTensor.zeros(Shape.of(1, 12, 10, 3));
        try (CompiledModel compiled = backend().compile(ContractModels.smallResidualNet())) {
            assertThatThrownBy(() -> compiled.predictAll(x, x))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Model \"contract_net\" expected 1 input(s), received: 2");
        }
    }

    @Test
    default void predict_inputsWithDifferentBatchSizes_namesTheInputAndTheBatchItMustShare() {
        try (CompiledModel compiled = backend().compile(twoInputSum())) {
            assertThatThrownBy(() -> compiled.predictAll(HostTensor.zeros(Shape.of(3, 4, 4, 2)),
                    HostTensor.zeros(Shape.of(2, 4, 4, 2))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Model \"two_inputs\" input \"input_2\" expected shape [3, 4, 4, 2] (the batch size "
                            + "of input \"input_1\"), received: [2, 4, 4, 2]");
        }
    }

    // ---------------------------------------------------------------- closing

    @Test
    default void predict_afterClose_failsWithTheClosedError_andClosingAgainIsHarmless() {
        CompiledModel compiled = backend().compile(ContractModels.smallResidualNet());
        HostTensor x = gaussian(new Random(96), 1.0, 1, 12, 10, 3);
        compiled.predictAll(x);
        compiled.close();
        compiled.close();
        assertThatThrownBy(() -> compiled.predictAll(x)).isInstanceOf(IllegalStateException.class)
                .hasMessage(CLOSED);
    }

    @Test
    default void closingTheBackend_closesEveryModelItCompiled() {
        HostTensor x = gaussian(new Random(97), 1.0, 1, 12, 10, 3);
        Backend own = provider().create();
        CompiledModel first;
        CompiledModel second;
        try {
            first = own.compile(ContractModels.smallResidualNet());
            second = own.compile(ContractModels.smallResidualNet());
            CompiledModel closedByItsUser = own.compile(ContractModels.smallResidualNet());
            closedByItsUser.close();
            first.predictAll(x);
        } finally {
            own.close();
        }
        assertThatThrownBy(() -> first.predictAll(x)).as("a model after its backend was closed")
                .isInstanceOf(IllegalStateException.class).hasMessage(CLOSED);
        assertThatThrownBy(() -> second.predictAll(x)).as("a model never used, after its backend was closed")
                .isInstanceOf(IllegalStateException.class).hasMessage(CLOSED);
        first.close();
        own.close();
    }

    @Test
    default void compile_afterTheBackendIsClosed_failsWithAClearError() {
        Backend own = provider().create();
        own.close();
        assertThatThrownBy(() -> own.compile(ContractModels.smallResidualNet()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Backend \"" + own.name() + "\" is closed; it cannot compile models");
    }

    // ---------------------------------------------------------------- threads

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

    /**
     * Eight threads start together and each predicts every input, in its own order, three times; every result must
     * be bit-identical to the one a single thread got first. A backend whose calls share scratch memory without
     * care fails here.
     */
    @Test
    default void predict_from8ThreadsAtOnce_isBitIdenticalToOneThread() throws Exception {
        int threads = 8;
        List<HostTensor> inputs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            inputs.add(gaussian(new Random(110 + i), 1.0, 1 + i % 3, 12, 10, 3));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (CompiledModel compiled = backend().compile(ContractModels.smallResidualNet())) {
            List<List<HostTensor>> alone = new ArrayList<>();
            for (HostTensor x : inputs) {
                alone.add(compiled.predictAll(x));
            }
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<List<List<HostTensor>>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    start.await(60, TimeUnit.SECONDS);
                    List<List<HostTensor>> results = new ArrayList<>();
                    for (int call = 0; call < 3 * threads; call++) {
                        results.add(compiled.predictAll(inputs.get((first + call) % threads)));
                    }
                    return results;
                }));
            }
            for (int t = 0; t < threads; t++) {
                List<List<HostTensor>> results = futures.get(t).get(120, TimeUnit.SECONDS);
                for (int call = 0; call < results.size(); call++) {
                    int input = (t + call) % threads;
                    assertBitIdentical("thread " + t + ", call " + call + " (input " + input + ")",
                            results.get(call), alone.get(input));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Four threads predict in a loop while the main thread closes the model: the calls already running finish with
     * the right result (their memory is not freed under them), every later call gets the closed error, and nothing
     * else happens (no other exception, no crash).
     */
    @Test
    default void close_whileOtherThreadsPredict_finishesRunningCalls_andFailsLaterOnesWithTheClosedError()
            throws Exception {
        int threads = 4;
        HostTensor x = gaussian(new Random(120), 1.0, 2, 12, 10, 3);
        CompiledModel compiled = backend().compile(ContractModels.smallResidualNet());
        List<HostTensor> expected = compiled.predictAll(x);
        CountDownLatch everyThreadPredicted = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<IllegalStateException>> endings = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                endings.add(pool.submit(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    for (int call = 0; System.nanoTime() < deadline; call++) {
                        List<HostTensor> result;
                        try {
                            result = compiled.predictAll(x);
                        } catch (IllegalStateException closed) {
                            return closed;
                        } finally {
                            if (call == 0) {
                                everyThreadPredicted.countDown(); // also when the call failed: then close at once
                            }
                        }
                        assertBitIdentical("thread " + thread + ", call " + call, result, expected);
                    }
                    throw new AssertionError("thread " + thread + " predicted for 60 s without seeing the close");
                }));
            }
            assertThat(everyThreadPredicted.await(60, TimeUnit.SECONDS)).as("every thread predicted once").isTrue();
            compiled.close();
            for (Future<IllegalStateException> ending : endings) {
                assertThat(ending.get(120, TimeUnit.SECONDS)).hasMessage(CLOSED);
            }
        } finally {
            compiled.close();
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Two 4x4x2 inputs added: the smallest model with two inputs. */
    private static Model twoInputSum() {
        Node a = Input.of(4, 4, 2);
        Node b = Input.of(4, 4, 2);
        return Model.of("two_inputs", List.of(a, b), List.of(Add.of().named("sum").apply(a, b)));
    }

    private static void assertOutputsClose(String what, List<HostTensor> actual, List<HostTensor> expected) {
        assertThat(actual).as(what + ": number of outputs").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            TensorComparison.assertClose(what + ", output " + i, actual.get(i), expected.get(i));
        }
    }

    private static void assertBitIdentical(String what, List<HostTensor> actual, List<HostTensor> expected) {
        assertThat(actual).as(what + ": number of outputs").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).shape()).as(what + ", output " + i + " shape").isEqualTo(expected.get(i).shape());
            assertThat(actual.get(i).data()).as(what + ", output " + i).containsExactly(expected.get(i).data());
        }
    }
}
