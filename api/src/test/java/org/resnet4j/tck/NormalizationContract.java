package org.resnet4j.tck;

import static org.resnet4j.tck.OpRunner.assertMatchesReference;
import static org.resnet4j.tck.OpRunner.gaussian;
import static org.resnet4j.tck.OpRunner.uniform;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.HostTensor;

/**
 * Batch normalisation at inference and the two element-wise ops that follow it in a residual block, ReLU and Add,
 * against {@link ReferenceOps}. The batch-norm tests use small variances so that epsilon matters: a backend that
 * ignores it or hard-codes one value fails.
 */
public interface NormalizationContract extends BackendUnderTest {

    @Test
    default void batchNorm_epsilon1e3_nonTrivialStatistics_matchesReference() {
        checkBatchNorm(40, 1e-3f);
    }

    @Test
    default void batchNorm_epsilon1e5_nonTrivialStatistics_matchesReference() {
        checkBatchNorm(41, 1e-5f);
    }

    @Test
    default void relu_matchesReference() {
        HostTensor x = gaussian(new Random(42), 1.0, 2, 4, 5, 3);
        assertMatchesReference(backend().ops(), "relu on " + x.shape(), (ops, in) -> ops.relu(in[0]), x);
    }

    @Test
    default void add_matchesReference() {
        Random random = new Random(43);
        HostTensor a = gaussian(random, 1.0, 2, 4, 5, 3);
        HostTensor b = gaussian(random, 1.0, 2, 4, 5, 3);
        assertMatchesReference(backend().ops(), "add on " + a.shape(), (ops, in) -> ops.add(in[0], in[1]), a, b);
    }

    /** Batch norm with non-trivial gamma, beta and mean, and variances small enough for {@code epsilon} to count. */
    private void checkBatchNorm(long seed, float epsilon) {
        Random random = new Random(seed);
        HostTensor x = gaussian(random, 2.0, 2, 4, 5, 13);
        HostTensor gamma = uniform(random, 0.5, 1.5, 13);
        HostTensor beta = gaussian(random, 0.5, 13);
        HostTensor mean = gaussian(random, 1.0, 13);
        HostTensor variance = uniform(random, 1e-4, 2e-3, 13);
        assertMatchesReference(backend().ops(), "batchNorm epsilon " + epsilon + " on " + x.shape(),
                (ops, in) -> ops.batchNorm(in[0], in[1], in[2], in[3], in[4], epsilon), x, gamma, beta, mean, variance);
    }
}
