package org.resnet4j.models.resnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.BackendUnderTest;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tck.TorchvisionFixtures;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * The torchvision goldens ({@code ../shared/fixtures/torchvision}, shipped in the api test-jar): every block
 * kind, the stem and the two tiny networks, built with torchvision's conventions ({@link TorchvisionGoldenModels}),
 * loaded with the fixture's weights by name and run on the backend's ops, and the two networks also through the
 * backend's own {@code compile}; each output must be within 1e-5 relative L2 error of PyTorch's.
 *
 * <p>This is where each backend joins, the same way it joins the contract kit: a test class states its provider
 * ({@link BackendUnderTest}), found by name so that this module never names a backend class, and the kit creates
 * the backend, skips with the probe's reason where it cannot run and closes it.
 */
interface TorchvisionGoldenContract extends BackendUnderTest {

    @Test
    default void blockA_basicIdentity_matchesTorchvision() {
        assertLayerByLayer("block_a");
    }

    @Test
    default void blockB_basicProjectionStride2_matchesTorchvision() {
        assertLayerByLayer("block_b");
    }

    @Test
    default void blockB_oddInputSize_matchesTorchvision() {
        assertLayerByLayer("block_b_odd");
    }

    @Test
    default void blockC_bottleneckIdentity_matchesTorchvision() {
        assertLayerByLayer("block_c");
    }

    @Test
    default void blockD_strideOn3x3_matchesTorchvision() {
        assertLayerByLayer("block_d");
    }

    @Test
    default void blockD_strideOnFirst1x1_matchesTorchvisionV1() {
        assertLayerByLayer("block_d_v1");
    }

    @Test
    default void blockD_stride1Projection_matchesTorchvision() {
        assertLayerByLayer("block_d_stride1");
    }

    @Test
    default void stem_symmetricPadding_matchesTorchvision() {
        assertLayerByLayer("stem");
    }

    @Test
    default void tinyResNet18_matchesTorchvisionLogits() {
        assertLayerByLayer("tiny_resnet18");
    }

    @Test
    default void tinyResNet50_matchesTorchvisionLogits() {
        assertLayerByLayer("tiny_resnet50");
    }

    @Test
    default void tinyResNet18_compiled_matchesTorchvisionLogits() {
        assertCompiled("tiny_resnet18");
    }

    @Test
    default void tinyResNet50_compiled_matchesTorchvisionLogits() {
        assertCompiled("tiny_resnet50");
    }

    /** The case's model walked layer by layer ({@code Model.forward}) on the backend's eager ops. */
    private void assertLayerByLayer(String fixture) {
        TorchvisionFixtures.Case c = TorchvisionFixtures.load(fixture);
        HostTensor actual = forward(backend().ops(), TorchvisionGoldenModels.withWeights(c), c.input());
        TensorComparison.assertClose(c.name(), actual, c.output());
    }

    /**
     * The case's model prepared by the backend's own {@code compile}: the path inference takes, with whatever the
     * backend does there (batch norms folded into convolutions, a traced graph, a planned op sequence).
     */
    private void assertCompiled(String fixture) {
        TorchvisionFixtures.Case c = TorchvisionFixtures.load(fixture);
        try (CompiledModel compiled = backend().compile(TorchvisionGoldenModels.withWeights(c))) {
            TensorComparison.assertClose(c.name() + " compiled", compiled.predict(c.input()), c.output());
        }
    }

    private static HostTensor forward(Ops ops, Model model, HostTensor input) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        List<Tensor> owned = new ArrayList<>();
        try {
            model.parameters().asMap().forEach((name, value) -> {
                Tensor t = ops.upload(value);
                owned.add(t);
                weights.put(name, t);
            });
            Tensor x = ops.upload(input);
            owned.add(x);
            Tensor out = model.forward(ops, weights, List.of(x)).get(0);
            owned.add(out);
            return ops.download(out);
        } finally {
            owned.forEach(Tensor::close);
        }
    }
}
