package org.resnet4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rule "a backend closes every model it compiled", as the registry a backend keeps. */
class CompiledModelsTest {
    private final CompiledModels registry = new CompiledModels("test");

    @Test
    void closeAll_closesEveryModelStillOpen_andNoModelTwice() {
        CountingCompiledModel first = registry.track(CountingCompiledModel::immediate);
        CountingCompiledModel second = registry.track(CountingCompiledModel::immediate);
        CountingCompiledModel closedByItsUser = registry.track(CountingCompiledModel::immediate);
        closedByItsUser.close();

        registry.closeAll();

        assertThat(first.isClosed()).isTrue();
        assertThat(second.isClosed()).isTrue();
        assertThat(first.releases).hasValue(1);
        assertThat(second.releases).hasValue(1);
        assertThat(closedByItsUser.releases).hasValue(1);
        assertThat(registry.openCount()).isZero();
    }

    @Test
    void closingAModel_removesItFromTheRegistry() {
        CountingCompiledModel model = registry.track(CountingCompiledModel::immediate);
        assertThat(registry.openCount()).isEqualTo(1);
        model.close();
        assertThat(registry.openCount()).isZero();
    }

    @Test
    void track_afterCloseAll_failsWithoutCompiling() {
        registry.closeAll();
        AtomicInteger compilations = new AtomicInteger();
        assertThatThrownBy(() -> registry.track(() -> {
            compilations.incrementAndGet();
            return CountingCompiledModel.immediate();
        })).isInstanceOf(IllegalStateException.class)
                .hasMessage("Backend \"test\" is closed; it cannot compile models");
        assertThat(compilations).hasValue(0);
        registry.closeAll(); // closing again is harmless
    }

    @Test
    void closeAll_whenOneModelFailsToClose_stillClosesTheOthers_andRethrows() {
        IllegalStateException failure = new IllegalStateException("device lost");
        CountingCompiledModel failing = registry.track(() -> CountingCompiledModel.failingToRelease(failure));
        CountingCompiledModel other = registry.track(CountingCompiledModel::immediate);

        assertThatThrownBy(registry::closeAll).isSameAs(failure);

        assertThat(failing.isClosed()).isTrue();
        assertThat(other.releases).hasValue(1);
    }

    @Test
    void closeAll_duringACompilation_waitsForIt_thenClosesTheNewModel() throws Exception {
        CountDownLatch compiling = new CountDownLatch(1);
        CountDownLatch finishCompiling = new CountDownLatch(1);
        CompletableFuture<CountingCompiledModel> compilation = CompletableFuture.supplyAsync(() ->
                registry.track(() -> {
                    compiling.countDown();
                    await(finishCompiling);
                    return CountingCompiledModel.immediate();
                }));
        assertThat(compiling.await(30, TimeUnit.SECONDS)).as("the compilation started").isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(registry::closeAll);
        Thread.sleep(200); // ample for an unguarded closeAll to finish
        assertThat(closing).as("closeAll while a model compiles").isNotDone();

        finishCompiling.countDown();
        CountingCompiledModel model = compilation.get(30, TimeUnit.SECONDS);
        closing.get(30, TimeUnit.SECONDS);
        assertThat(model.isClosed()).as("the model compiled while the backend closed").isTrue();
        assertThat(model.releases).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
