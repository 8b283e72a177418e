package org.resnet4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** The compiled-model skeleton: inputs checked before computing, close waits for running calls, closed is final. */
class AbstractCompiledModelTest {
    private static final HostTensor INPUT = HostTensor.of(Shape.of(1, 2), new float[] {1f, -2f});
    private static final String CLOSED = "Compiled model \"counted\" is closed; compile the model again to predict";

    @Test
    void predict_returnsWhatComputeReturns() {
        CountingCompiledModel model = CountingCompiledModel.immediate();
        assertThat(model.predict(INPUT).data()).containsExactly(1f, -2f);
        assertThat(model.computations).hasValue(1);
    }

    @Test
    void predict_wrongShape_failsWithTheInputShapeRule_beforeComputing() {
        CountingCompiledModel model = CountingCompiledModel.immediate();
        assertThatThrownBy(() -> model.predictAll(HostTensor.zeros(Shape.of(1, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Model \"counted\" input \"input_1\" expected shape [n, 2], received: [1, 3]");
        assertThatThrownBy(() -> model.predictAll((HostTensor) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Model \"counted\" input \"input_1\" expected shape [n, 2], received: null");
        assertThat(model.computations).hasValue(0);
    }

    @Test
    void predict_afterClose_failsWithTheClosedError_beforeComputing() {
        CountingCompiledModel model = CountingCompiledModel.immediate();
        model.close();
        assertThatThrownBy(() -> model.predictAll(INPUT)).isInstanceOf(IllegalStateException.class)
                .hasMessage(CLOSED);
        // A closed model reports that it is closed even for a wrong input: the first thing wrong is the state.
        assertThatThrownBy(() -> model.predictAll()).hasMessage(CLOSED);
        assertThat(model.computations).hasValue(0);
        assertThat(model.isClosed()).isTrue();
    }

    @Test
    void close_calledTwice_releasesOnce() {
        CountingCompiledModel model = CountingCompiledModel.immediate();
        model.close();
        model.close();
        assertThat(model.releases).hasValue(1);
    }

    @Test
    void close_whileAPredictionRuns_waitsForIt_thenReleases() throws Exception {
        CountingCompiledModel model = CountingCompiledModel.held();
        CompletableFuture<HostTensor> prediction = CompletableFuture.supplyAsync(() -> model.predict(INPUT));
        assertThat(model.computing.await(30, TimeUnit.SECONDS)).as("the prediction started").isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(model::close);
        // Closing must wait while the prediction holds the model; 200 ms is ample for an unguarded close to run.
        Thread.sleep(200);
        assertThat(closing).as("close while a prediction runs").isNotDone();
        assertThat(model.releases).as("releases while a prediction runs").hasValue(0);

        model.goOn.countDown();
        assertThat(prediction.get(30, TimeUnit.SECONDS).data()).containsExactly(1f, -2f);
        closing.get(30, TimeUnit.SECONDS);
        assertThat(model.releases).hasValue(1);
        assertThat(model.computingWhileReleased).hasValue(0);
        assertThatThrownBy(() -> model.predictAll(INPUT)).hasMessage(CLOSED);
    }

    @Test
    void close_whenReleaseFails_rethrows_andTheModelStaysClosed() {
        IllegalStateException failure = new IllegalStateException("device lost");
        CountingCompiledModel model = CountingCompiledModel.failingToRelease(failure);
        assertThatThrownBy(model::close).isSameAs(failure);
        model.close();
        assertThat(model.releases).hasValue(1);
        assertThatThrownBy(() -> model.predictAll(INPUT)).hasMessage(CLOSED);
    }
}
