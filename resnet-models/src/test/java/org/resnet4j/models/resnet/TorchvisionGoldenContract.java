package org.resnet4j.models.resnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.resnet4j.models.io.TorchvisionImporter;
import org.resnet4j.models.io.TorchvisionNames;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tck.TorchvisionFixtures;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * The torchvision goldens ({@code ../shared/fixtures/torchvision}, shipped in the api test-jar): every block
 * kind, the stem and the two tiny networks, built with torchvision's conventions, loaded with the fixture's
 * weights by name and run on {@link #ops()}; each output must be within 1e-5 relative L2 error of PyTorch's.
 *
 * <p>This is where each backend joins: a backend's test extends this class, returns its {@code Ops} and skips
 * (assumption) with the probe's reason when the backend cannot run here. Pairwise cross-backend parity will
 * compare two such {@code Ops} on the same models.
 */
abstract class TorchvisionGoldenContract {
    private static final String BLOCK = "conv2_block1";

    /** The operations under test. */
    protected abstract Ops ops();

    /**
     * {@code model} prepared by the backend's own {@code compile}: the path inference takes, with whatever the backend
     * does there (batch norms folded into convolutions, a traced graph, a planned op sequence).
     */
    protected abstract CompiledModel compile(Model model);

    @Test
    void blockA_basicIdentity_matchesTorchvision() {
        assertBlock("block_a", (s, x) -> ResidualBlocks.a(s, x, BLOCK), BlockSettings.torchvision());
    }

    @Test
    void blockB_basicProjectionStride2_matchesTorchvision() {
        assertBlock("block_b", (s, x) -> ResidualBlocks.b(s, x, 32, 2, BLOCK), BlockSettings.torchvision());
    }

    @Test
    void blockB_oddInputSize_matchesTorchvision() {
        assertBlock("block_b_odd", (s, x) -> ResidualBlocks.b(s, x, 16, 2, BLOCK), BlockSettings.torchvision());
    }

    @Test
    void blockC_bottleneckIdentity_matchesTorchvision() {
        assertBlock("block_c", (s, x) -> ResidualBlocks.c(s, x, 16, BLOCK), BlockSettings.torchvision());
    }

    @Test
    void blockD_strideOn3x3_matchesTorchvision() {
        assertBlock("block_d", (s, x) -> ResidualBlocks.d(s, x, 32, 2, BLOCK), BlockSettings.torchvision());
    }

    @Test
    void blockD_strideOnFirst1x1_matchesTorchvisionV1() {
        assertBlock("block_d_v1", (s, x) -> ResidualBlocks.d(s, x, 32, 2, BLOCK),
                BlockSettings.torchvision().withStridePlacement(StridePlacement.FIRST_1X1));
    }

    @Test
    void blockD_stride1Projection_matchesTorchvision() {
        assertBlock("block_d_stride1", (s, x) -> ResidualBlocks.d(s, x, 16, 1, BLOCK), BlockSettings.torchvision());
    }

    @Test
    void stem_symmetricPadding_matchesTorchvision() {
        TorchvisionFixtures.Case c = TorchvisionFixtures.load("stem");
        Node in = input(c.input());
        Model model = Model.of("stem", in, ResNet.stem(BlockSettings.torchvision(), in, 8));
        assertMatches(c, model, module -> switch (module) {
            case "0" -> "conv1_conv";
            case "1" -> "conv1_bn";
            default -> null;
        });
    }

    @Test
    void tinyResNet18_matchesTorchvisionLogits() {
        assertNetwork("tiny_resnet18", 18);
    }

    @Test
    void tinyResNet50_matchesTorchvisionLogits() {
        assertNetwork("tiny_resnet50", 50);
    }

    @Test
    void tinyResNet18_compiled_matchesTorchvisionLogits() {
        assertCompiledNetwork("tiny_resnet18", 18);
    }

    @Test
    void tinyResNet50_compiled_matchesTorchvisionLogits() {
        assertCompiledNetwork("tiny_resnet50", 50);
    }

    private void assertNetwork(String fixture, int depth) {
        TorchvisionFixtures.Case c = TorchvisionFixtures.load(fixture);
        assertMatches(c, tinyNetwork(depth), TorchvisionNames.network());
    }

    private void assertCompiledNetwork(String fixture, int depth) {
        TorchvisionFixtures.Case c = TorchvisionFixtures.load(fixture);
        Model model = tinyNetwork(depth);
        TorchvisionImporter.load(model.parameters(), new LinkedHashMap<>(c.weights().floatTensors()),
                TorchvisionNames.network());
        try (CompiledModel compiled = compile(model)) {
            TensorComparison.assertClose(c.name() + " compiled", compiled.predict(c.input()), c.output());
        }
    }

    private static Model tinyNetwork(int depth) {
        return ResNet.build(ResNets.torchvisionConfig(depth).withBaseWidth(8).withClasses(10).withInputSize(64, 64));
    }

    private interface BlockBuilder {
        Node build(BlockSettings settings, Node input);
    }

    private void assertBlock(String fixture, BlockBuilder builder, BlockSettings settings) {
        TorchvisionFixtures.Case c = TorchvisionFixtures.load(fixture);
        Node in = input(c.input());
        Model model = Model.of(fixture, in, builder.build(settings, in));
        assertMatches(c, model, TorchvisionNames.block(BLOCK));
    }

    private static Node input(HostTensor batch) {
        return Input.named("input_1", batch.shape().withoutBatch().toArray());
    }

    private void assertMatches(TorchvisionFixtures.Case c, Model model, UnaryOperator<String> modules) {
        Map<String, HostTensor> stateDict = new LinkedHashMap<>(c.weights().floatTensors());
        TorchvisionImporter.load(model.parameters(), stateDict, modules);
        HostTensor actual = run(model, c.input());
        TensorComparison.assertClose(c.name(), actual, c.output());
    }

    private HostTensor run(Model model, HostTensor input) {
        Ops ops = ops();
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
