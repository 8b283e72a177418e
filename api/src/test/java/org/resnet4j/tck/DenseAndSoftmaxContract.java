package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.resnet4j.tck.OpRunner.assertMatchesReference;
import static org.resnet4j.tck.OpRunner.gaussian;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The classifier head's ops against {@link ReferenceOps}: {@code dense} with and without bias, {@code softmax}
 * (also on logits near +-1000, where a softmax that does not subtract the maximum overflows to NaN), and
 * {@code dropout}, which at inference must return its input unchanged.
 */
public interface DenseAndSoftmaxContract extends BackendUnderTest {

    @Test
    default void dense_withBias_matchesReference() {
        Random random = new Random(63);
        HostTensor x = gaussian(random, 1.0, 3, 13);
        HostTensor kernel = gaussian(random, 0.3, 13, 7);
        HostTensor bias = gaussian(random, 0.5, 7);
        assertMatchesReference(backend().ops(), "dense [3, 13] x [13, 7] + bias",
                (ops, in) -> ops.dense(in[0], in[1], in[2]), x, kernel, bias);
    }

    @Test
    default void dense_withoutBias_matchesReference() {
        Random random = new Random(64);
        HostTensor x = gaussian(random, 1.0, 1, 20);
        HostTensor kernel = gaussian(random, 0.3, 20, 10);
        assertMatchesReference(backend().ops(), "dense [1, 20] x [20, 10] without bias",
                (ops, in) -> ops.dense(in[0], in[1], null), x, kernel);
    }

    @Test
    default void softmax_matchesReference() {
        HostTensor x = gaussian(new Random(65), 2.0, 3, 10);
        assertMatchesReference(backend().ops(), "softmax on " + x.shape(), (ops, in) -> ops.softmax(in[0]), x);
    }

    @Test
    default void softmax_largeLogits_isNumericallyStable() {
        HostTensor x = HostTensor.of(Shape.of(2, 3), new float[] {1000f, 1001f, 999f, -1000f, -1001f, -999f});
        HostTensor actual = OpRunner.run(backend().ops(), (ops, in) -> ops.softmax(in[0]), x);
        assertThat(actual.data()).as("softmax of large logits must be finite").doesNotContain(Float.NaN);
        assertMatchesReference(backend().ops(), "softmax on logits near +-1000", (ops, in) -> ops.softmax(in[0]), x);
    }

    @Test
    default void dropout_isIdentityAtInference() {
        HostTensor x = gaussian(new Random(66), 1.0, 2, 3, 3, 4);
        HostTensor actual = OpRunner.run(backend().ops(), (ops, in) -> ops.dropout(in[0], 0.5f), x);
        assertThat(actual.shape()).isEqualTo(x.shape());
        assertThat(actual.data()).as("dropout at inference").containsExactly(x.data());
    }
}
