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
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The rules of {@link Ops} that are not arithmetic: every result is a new handle the caller owns (closing it, even
 * twice, never affects the inputs, also for ops a backend could answer with a view: reshape, dropout), and the ops
 * may be called from several threads at once with the same results.
 */
public interface HandlesAndThreadsContract extends BackendUnderTest {

    @Test
    default void results_areFreshHandles_closingAResultKeepsInputsUsable() {
        Ops ops = backend().ops();
        HostTensor x = gaussian(new Random(80), 1.0, 1, 4, 4, 3);
        try (Tensor input = ops.upload(x)) {
            ops.relu(input).close();
            ops.reshape(input, Shape.of(1, 48)).close();
            ops.dropout(input, 0.2f).close();
            Tensor sum = ops.add(input, input);
            sum.close();
            sum.close(); // closing twice is harmless
            assertThat(ops.download(input).data()).as("input after closing results derived from it")
                    .containsExactly(x.data());
            try (Tensor again = ops.relu(input)) {
                assertThat(again.shape()).isEqualTo(x.shape());
            }
        }
    }

    @Test
    default void ops_calledConcurrentlyFromSeveralThreads_giveTheSameResults() throws Exception {
        Random random = new Random(81);
        HostTensor x = gaussian(random, 1.0, 2, 9, 9, 5);
        HostTensor kernel = gaussian(random, 0.3, 3, 3, 5, 6);
        OpCall call = (ops, in) -> {
            try (Tensor conv = ops.conv2d(in[0], in[1], null, Conv2dOptions.of(2, Padding.SAME));
                 Tensor relu = ops.relu(conv)) {
                return ops.maxPool(relu, PoolOptions.of(2, 1, Padding.VALID));
            }
        };
        HostTensor expected = OpRunner.run(new ReferenceOps(), call, x, kernel);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HostTensor>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> OpRunner.run(backend().ops(), call, x, kernel)));
            }
            for (Future<HostTensor> f : futures) {
                TensorComparison.assertClose("conv -> relu -> maxPool from 4 threads", f.get(), expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
