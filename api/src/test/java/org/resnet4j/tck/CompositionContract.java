package org.resnet4j.tck;

import static org.resnet4j.tck.OpRunner.assertMatchesReference;
import static org.resnet4j.tck.OpRunner.gaussian;
import static org.resnet4j.tck.OpRunner.uniform;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.Ops;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * Ops chained the way ResNet chains them, the stem (conv 7x7/2, batch norm, ReLU, max pool 3x3/2): once against
 * {@link ReferenceOps} on seeded inputs with SAME padding, once against torchvision's own output (the golden
 * fixture {@code stem}, see {@link TorchvisionFixtures}) with torchvision's symmetric padding and epsilon 1e-5.
 */
public interface CompositionContract extends BackendUnderTest {

    @Test
    default void stem_convBnReluMaxPool_batch2_matchesReference() {
        Random random = new Random(70);
        HostTensor x = gaussian(random, 1.0, 2, 17, 16, 3);
        HostTensor kernel = gaussian(random, 0.2, 7, 7, 3, 5);
        HostTensor gamma = uniform(random, 0.5, 1.5, 5);
        HostTensor beta = gaussian(random, 0.3, 5);
        HostTensor mean = gaussian(random, 0.5, 5);
        HostTensor variance = uniform(random, 0.5, 2.0, 5);
        assertMatchesReference(backend().ops(), "stem conv7x7/2 SAME -> BN -> ReLU -> maxpool 3x3/2 SAME",
                (ops, in) -> stem(ops, in, Padding.SAME, Padding.SAME, 1e-3f), x, kernel, gamma, beta, mean, variance);
    }

    @Test
    default void stem_matchesTorchvisionGolden() {
        TorchvisionFixtures.Case stem = TorchvisionFixtures.load("stem");
        HostTensor actual = OpRunner.run(backend().ops(),
                (ops, in) -> stem(ops, in, Padding.symmetric(3), Padding.symmetric(1), 1e-5f),
                stem.input(), stem.convKernel("0.weight"), stem.weight("1.weight"), stem.weight("1.bias"),
                stem.weight("1.running_mean"), stem.weight("1.running_var"));
        TensorComparison.assertClose("stem (torchvision golden)", actual, stem.output(), 1e-5);
    }

    /**
     * conv (no bias) -> batch norm -> relu -> max pool 3x3/2: the ResNet stem. Inputs: x, kernel, gamma, beta,
     * mean, variance.
     */
    private static Tensor stem(Ops ops, Tensor[] in, Padding convPadding, Padding poolPadding, float epsilon) {
        try (Tensor conv = ops.conv2d(in[0], in[1], null, Conv2dOptions.of(2, convPadding));
             Tensor bn = ops.batchNorm(conv, in[2], in[3], in[4], in[5], epsilon);
             Tensor relu = ops.relu(bn)) {
            return ops.maxPool(relu, PoolOptions.of(3, 2, poolPadding));
        }
    }
}
