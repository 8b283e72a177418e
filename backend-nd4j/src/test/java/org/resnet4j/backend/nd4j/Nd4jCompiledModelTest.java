package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;

/** Compiling a small residual model on ND4J and predicting with it, from one thread and from several. */
class Nd4jCompiledModelTest {
    private static Backend backend;

    @BeforeAll
    static void createBackend() {
        Availability availability = new Nd4jBackendProvider().probe();
        assumeTrue(availability.available(), availability.reason());
        backend = new Nd4jBackendProvider().create();
    }

    @AfterAll
    static void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    private static void assertMatches(HostTensor actual, HostTensor expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.data()[i]).as("element %d", i).isCloseTo(expected.data()[i], within(1e-5f));
        }
    }

    @Test
    void predict_batchOf3_matchesThePlainLoopForwardPass() {
        Model model = TinyNet.build(7);
        HostTensor input = LoopReference.random(8, 3, TinyNet.SIZE, TinyNet.SIZE, TinyNet.CHANNELS);
        try (CompiledModel compiled = backend.compile(model)) {
            assertMatches(compiled.predict(input), TinyNet.reference(model, input));
        }
    }

    @Test
    void predict_isRepeatable_andDoesNotChangeItsInput() {
        Model model = TinyNet.build(9);
        HostTensor input = LoopReference.random(10, 1, TinyNet.SIZE, TinyNet.SIZE, TinyNet.CHANNELS);
        HostTensor copy = input.copy();
        try (CompiledModel compiled = backend.compile(model)) {
            HostTensor first = compiled.predict(input);
            HostTensor second = compiled.predict(input);
            assertThat(second.data()).containsExactly(first.data());
            assertThat(input.data()).containsExactly(copy.data());
        }
    }

    @Test
    void predict_fromFourThreads_givesEachInputItsOwnResult() throws Exception {
        Model model = TinyNet.build(11);
        List<HostTensor> inputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inputs.add(LoopReference.random(100 + i, 2, TinyNet.SIZE, TinyNet.SIZE, TinyNet.CHANNELS));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (CompiledModel compiled = backend.compile(model)) {
            List<Future<HostTensor>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (HostTensor in : inputs) {
                    results.add(pool.submit(() -> compiled.predict(in)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                HostTensor in = inputs.get(i % inputs.size());
                assertMatches(results.get(i).get(), TinyNet.reference(model, in));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
